#!/usr/bin/env python3
"""tests/docs/model.py: every worked example of docs/model.md gives the output it shows.

usage: model.py SCEN MODEL_MD PENDING

An example is a ```scen block followed (blank lines aside) by a plain ``` block whose
first line is the command, `$ scen run NAME.scen [ARGS]` or `$ scen export --efg
NAME.scen`. The scen block is written to NAME.scen in a fresh folder, the command is run
there, and it must exit 0, write nothing to standard error (no warning either: a user
copies these files) and print exactly the rest of the block.

Monte Carlo lines: an HTML comment right after the output block,

    <!-- bounds
    PREFIX | SPEC SPEC ...
    -->

names lines of the block by how they start (PREFIX, then a space or the end of the line)
and gives, for each number after PREFIX in order, either `=` (the same text as in the
block) or `LO..HI` (the value, commas and % dropped, lies in [LO, HI]: the hand-computed
value ± 4 standard errors, as the prose says). The rest of such a line must match the
block's exactly, spacing aside; the numbers of the block itself must lie in their bounds
too, so that the page never shows a value the bounds exclude.

A ```scen block with no output block is a complete file that `scen check` accepts.

PENDING lists, one a line (`NAME.scen  why`), examples that wait for a fix being made in
another branch: they are expected to fail (XFAIL, counted as passed) and an example
listed there that passes is a failure, so that the list is emptied as the fixes land.

The last line printed is `model.md: N passed, M failed`.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")


def blocks(text):
    """(kind, info, lines, end_line_index) for each fenced block, and the raw lines."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        start, body = i, []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        out.append({"info": m.group(1), "body": body, "start": start, "end": i})
        i += 1
    return out, lines


def bounds_after(lines, i):
    """The bounds comment that starts after line i (blank lines aside), as a dict."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or lines[j].strip() != "<!-- bounds":
        return {}
    spec = {}
    j += 1
    while j < len(lines) and lines[j].strip() != "-->":
        prefix, _, rest = lines[j].partition("|")
        spec[prefix.strip()] = rest.split()
        j += 1
    return spec


def numbers(s):
    return NUMBER.findall(s)


def skeleton(s):
    return " ".join(NUMBER.sub("#", s).split())


def value(tok):
    return float(tok.replace(",", "").rstrip("%"))


def matching_prefix(line, spec):
    s = line.strip()
    for prefix in spec:
        if s == prefix or s.startswith(prefix + " "):
            return prefix
    return None


def compare(name, expected, actual, spec):
    """A list of problems (empty: the output is the expected one)."""
    problems = []
    used = set()
    for prefix in spec:
        n = sum(1 for e in expected if matching_prefix(e, {prefix: 0}))
        if n != 1:
            problems.append(f"bounds line `{prefix}` matches {n} lines of the block")
    if len(expected) != len(actual):
        problems.append(f"{len(actual)} lines of output, {len(expected)} expected")
    for k, (e, a) in enumerate(zip(expected, actual)):
        prefix = matching_prefix(e, spec)
        if prefix is None:
            if e != a:
                problems.append(f"line {k + 1}: expected\n      {e}\n    got\n      {a}")
            continue
        used.add(prefix)
        rest_e, rest_a = e.strip()[len(prefix):], a.strip()[len(prefix):]
        if not a.strip().startswith(prefix) or skeleton(rest_e) != skeleton(rest_a):
            problems.append(f"line {k + 1}: expected the shape of\n      {e}\n    got\n      {a}")
            continue
        ne, na, specs = numbers(rest_e), numbers(rest_a), spec[prefix]
        if not (len(ne) == len(na) == len(specs)):
            problems.append(f"line {k + 1}: {len(specs)} bounds for {len(ne)} numbers")
            continue
        for te, ta, sp in zip(ne, na, specs):
            if sp == "=":
                if te != ta:
                    problems.append(f"line {k + 1}: expected {te}, got {ta}")
                continue
            lo, _, hi = sp.partition("..")
            lo, hi = float(lo), float(hi)
            for what, tok in (("the output's", ta), ("the page's", te)):
                if not lo <= value(tok) <= hi:
                    problems.append(f"line {k + 1}: {what} {tok} is outside [{lo}, {hi}]")
    return problems


def run(scen, folder, command):
    args = shlex.split(command)
    args[0] = scen
    p = subprocess.run(args, cwd=folder, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    scen, model, pending_file = sys.argv[1:4]
    pending = {}
    if os.path.exists(pending_file):
        for line in open(pending_file, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                name, _, why = line.strip().partition(" ")
                pending[name] = why.strip()
    bl, lines = blocks(open(model, encoding="utf-8").read())
    passed = failed = 0
    seen = set()
    with tempfile.TemporaryDirectory(prefix="scen-model.") as tmp:
        for n, b in enumerate(bl):
            if b["info"] != "scen":
                continue
            nxt = bl[n + 1] if n + 1 < len(bl) else None
            between = lines[b["end"] + 1:nxt["start"]] if nxt else []
            is_example = (nxt and nxt["info"] == "" and nxt["body"]
                          and nxt["body"][0].startswith("$ scen ")
                          and not any(x.strip() for x in between))
            if not is_example:
                path = os.path.join(tmp, f"fragment{n}.scen")
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(b["body"]) + "\n")
                code, out, err = run(scen, tmp, f"scen check {path}")
                if code == 0 and not err:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL: docs: model.md:{b['start'] + 1}: the scen block does not "
                          f"check:\n{err}")
                continue
            command = nxt["body"][0][2:]
            files = [a for a in shlex.split(command) if a.endswith(".scen")]
            if len(files) != 1:
                failed += 1
                print(f"FAIL: docs: model.md:{nxt['start'] + 1}: the command names no file")
                continue
            name = files[0]
            seen.add(name)
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write("\n".join(b["body"]) + "\n")
            code, out, err = run(scen, tmp, command)
            problems = []
            if code != 0:
                problems.append(f"exit status {code}")
            if err:
                problems.append("standard error:\n    " + err.rstrip().replace("\n", "\n    "))
            actual = out.rstrip("\n").split("\n")
            problems += compare(name, nxt["body"][1:], actual,
                                bounds_after(lines, nxt["end"]))
            where = f"model.md:{b['start'] + 1}: {name}"
            if name in pending:
                if problems:
                    passed += 1
                    print(f"XFAIL: docs: {where} ({pending[name]})")
                else:
                    failed += 1
                    print(f"FAIL: docs: {where} passes: remove it from "
                          f"tests/docs/model.pending")
            elif problems:
                failed += 1
                print(f"FAIL: docs: {where}")
                for p in problems:
                    print("    " + p)
            else:
                passed += 1
    for name in sorted(set(pending) - seen):
        failed += 1
        print(f"FAIL: docs: tests/docs/model.pending names {name}, which model.md does not have")
    print(f"model.md: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
