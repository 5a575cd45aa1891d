#!/usr/bin/env python3
"""tests/tables/wellformed.py FORMAT FILE [--dir D] [--digest-of F]: FILE, the output of
a scen command in FORMAT (text, json, csv, markdown or latex), is well formed, as
tests/tables/matrix.sh asks of every command and report kind:

  text      UTF-8, ends with a new line, no control character but tab and new line;
  json      parses (NaN or Infinity refused: JSON has neither); one object, or an array
            of objects (a batch), each with a `provenance` as docs/json.md gives it:
            scen, seed, draws, digest (64 hex digits), files (each path and sha256, the
            file's own SHA-256 when the path exists, read from D), set (strings);
  csv       Python's csv module reads it, the `#` lines aside; one header, once; every
            row as long as the header; the provenance's comment lines (# scen, # seed,
            # draws, # digest, # file) before the header;
  markdown  every table (lines starting with |) follows a blank line and has a head, a
            rule (|:---|---:|) and as many cells on every row as the head (\\| is text);
            at least one table (or the note of `scen sense` that it has no report
            outside sweeps to analyse);
  latex     braces balance; \\begin and \\end pair up; every tabular has \\toprule,
            \\midrule and \\bottomrule in that order (booktabs, no \\hline) and as many
            cells on every row as its column spec; no unescaped _ # ^ anywhere, no & out
            of a tabular, no $ but in $\\pm$, $-$ and $\\cdot$, and no % that cuts a line
            short (a comment line, or a % that ends its line, are fine); at least one
            tabular (or scen sense's note, as in Markdown).

No format may print nan or inf (an undefined number has its own mark: "—", "--", null or
an empty field). With --digest-of F, the provenance's digest must be the SHA-256 of F's
bytes (JSON) and, for CSV, of F, or without --digest-of of the table below the comment
lines (docs/json.md, Provenance). Prints "ok FORMAT" or the first problem, exit 1."""
import csv
import hashlib
import io
import json
import os
import re
import sys


class Bad(Exception):
    pass


def need(cond, what):
    if not cond:
        raise Bad(what)


# `scen sense` of a file whose reports are all in sweeps: a note, no table
NOTHING = "no report outside sweeps"
HEX64 = re.compile(r"^[0-9a-f]{64}$")
NAN = re.compile(r"(?<![A-Za-z_])-?(nan|inf|infinity)(?![A-Za-z_])", re.I)


def no_nan(text, strip=None):
    body = strip(text) if strip else text
    m = NAN.search(body)
    need(not m, "prints %r: an undefined number must have its own mark" % (m and m.group(0)))


# ---- text ----

def check_text(text, opts):
    need(text, "empty")
    need(text.endswith("\n"), "does not end with a new line")
    bad = [c for c in text if ord(c) < 32 and c not in "\n\t"]
    need(not bad, "control character %r" % (bad[:1]))
    no_nan(text)


# ---- json ----

def refuse_constant(name):
    raise Bad("JSON has no %s" % name)


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def check_provenance(doc, where, opts):
    need(isinstance(doc, dict), "%s: not an object" % where)
    need("provenance" in doc, "%s: no provenance" % where)
    p = doc["provenance"]
    need(isinstance(p, dict), "%s: provenance is not an object" % where)
    for key in ("scen", "seed", "draws", "digest", "files", "set"):
        need(key in p, "%s: provenance has no %r" % (where, key))
    need(isinstance(p["scen"], str) and p["scen"], "%s: provenance.scen %r" % (where, p["scen"]))
    need(isinstance(p["seed"], int) or (isinstance(p["seed"], str) and p["seed"].isdigit()),
         "%s: provenance.seed %r" % (where, p["seed"]))
    need(isinstance(p["draws"], int) and p["draws"] >= 1, "%s: provenance.draws %r" % (where, p["draws"]))
    need(isinstance(p["digest"], str) and HEX64.match(p["digest"]),
         "%s: provenance.digest %r" % (where, p["digest"]))
    need(isinstance(p["files"], list) and p["files"], "%s: provenance.files empty" % where)
    for f in p["files"]:
        need(isinstance(f, dict) and set(f) == {"path", "sha256"}, "%s: a file %r" % (where, f))
        need(HEX64.match(f["sha256"]), "%s: %s: sha256 %r" % (where, f["path"], f["sha256"]))
        path = os.path.join(opts.get("dir", "."), f["path"])
        if os.path.exists(path):
            need(sha256_file(path) == f["sha256"], "%s: %s: sha256 is not the file's" % (where, f["path"]))
    need(isinstance(p["set"], list) and all(isinstance(s, str) for s in p["set"]),
         "%s: provenance.set %r" % (where, p["set"]))
    # the run's seed and draws, as at the top of the document (a diff's: its results')
    top = doc.get("results", doc)
    for key in ("seed", "draws"):
        if key in top and not isinstance(top[key], (dict, list)):
            need(top[key] == p[key], "%s: %s %r at the top, %r in the provenance" % (
                where, key, top[key], p[key]))
    if "digest-of" in opts:
        want = sha256_file(opts["digest-of"])
        need(p["digest"] == want, "%s: digest %s, not the SHA-256 of %s (%s)" % (
            where, p["digest"], opts["digest-of"], want))


def check_json(text, opts):
    try:
        doc = json.loads(text, parse_constant=refuse_constant)
    except ValueError as e:
        raise Bad("does not parse: %s" % e)
    docs = doc if isinstance(doc, list) else [doc]
    need(docs, "an empty array")
    for i, d in enumerate(docs):
        check_provenance(d, "document %d" % (i + 1) if isinstance(doc, list) else "the document", opts)


# ---- csv ----

def check_csv(text, opts):
    lines = text.splitlines(keepends=True)
    need(lines, "empty")
    comments = [l.rstrip("\n") for l in lines if l.startswith("#")]
    table = "".join(l for l in lines if not l.startswith("#"))
    first_row = next(i for i, l in enumerate(lines) if not l.startswith("#")) if table else None
    need(first_row is not None, "no header")
    head_comments = [l.rstrip("\n") for l in lines[:first_row]]
    for key in ("scen", "seed", "draws", "digest", "file"):
        need(any(c.startswith("# %s " % key) for c in head_comments),
             "no '# %s' line before the header" % key)
    digests = [c.split()[2] for c in comments if c.startswith("# digest ")]
    need(all(HEX64.match(d) for d in digests), "a digest that is not 64 hex digits: %r" % digests)
    for c in comments:
        if c.startswith("# file "):
            need(re.match(r"^# file \\?[0-9a-f]{64}  .", c), "not sha256sum's format: %r" % c)
    rows = list(csv.reader(io.StringIO(table, newline="")))
    need(rows, "no header")
    head = rows[0]
    need(len(set(head)) == len(head), "a column named twice: %r" % head)
    for n, r in enumerate(rows[1:], 2):
        need(r != head, "the header again, at row %d" % n)
        need(len(r) == len(head), "row %d has %d fields, the header %d: %r" % (n, len(r), len(head), r))
    no_nan(table)
    if len(digests) == 1:
        want = sha256_file(opts["digest-of"]) if "digest-of" in opts else \
            hashlib.sha256(table.encode()).hexdigest()
        need(digests[0] == want, "digest %s, not the SHA-256 of %s (%s)" % (
            digests[0], opts.get("digest-of", "its table"), want))


# ---- markdown ----

def md_cells(line):
    s = line.replace("\\\\", "").replace("\\|", "")
    return s.count("|") - 1


MD_RULE = re.compile(r"^\|(:?-{3,}:?\|)+$")


def check_markdown(text, opts):
    lines = text.split("\n")
    tables, i = 0, 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            i += 1
            continue
        start = i
        need(start == 0 or lines[start - 1] == "", "line %d: a table without a blank line before it" % (start + 1))
        block = []
        while i < len(lines) and lines[i].startswith("|"):
            block.append(lines[i])
            i += 1
        tables += 1
        need(len(block) >= 2, "line %d: a table without its rule" % (start + 1))
        need(MD_RULE.match(block[1]), "line %d: not a rule: %r" % (start + 2, block[1]))
        cols = md_cells(block[0])
        need(cols >= 1, "line %d: a head without cells" % (start + 1))
        for k, row in enumerate(block):
            need(row.endswith("|") and not row.endswith("\\|"), "line %d: a row that does not end with |" % (start + k + 1))
            need(md_cells(row) == cols, "line %d: %d cells, the head has %d" % (
                start + k + 1, md_cells(row), cols))
    need(tables or NOTHING in text, "no table")
    no_nan(text)


# ---- latex ----

MATH_OK = ("$\\pm$", "$-$", "$\\cdot$")
TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}&$_#^%\n]|[^\\{}&$_#^%\n]+", re.S)


def check_latex(text, opts):
    for m in MATH_OK:
        text = text.replace(m, " MATH ")
    braces, envs, line = 0, [], 1
    tabular = None          # {"cols", "rules", "cells", "spec"} of the open tabular
    line_start, tabulars = True, 0
    toks = TOKEN.findall(text)
    k = 0
    while k < len(toks):
        t = toks[k]
        k += 1
        if t == "\n":
            line += 1
            line_start = True
            continue
        if t == "%":        # a comment: the whole line, or the end of one
            rest = ""
            while k < len(toks) and toks[k] != "\n":
                rest += toks[k]
                k += 1
            need(line_start or not rest.strip(), "line %d: a %% cuts the line short: %r" % (line, rest[:40]))
            continue
        if t.strip():
            line_start = False
        if t == "{":
            braces += 1
        elif t == "}":
            braces -= 1
            need(braces >= 0, "line %d: a } closes nothing" % line)
        elif t in ("_", "#", "^"):
            raise Bad("line %d: an unescaped %s" % (line, t))
        elif t == "$":
            raise Bad("line %d: a $ outside $\\pm$, $-$ and $\\cdot$" % line)
        elif t == "&":
            need(tabular is not None, "line %d: an & outside a tabular" % line)
            tabular["cells"] += 1
        elif t in ("\\begin", "\\end"):
            m = re.match(r"\{([A-Za-z*]+)\}", "".join(toks[k:k + 3]))
            need(m, "line %d: %s without {NAME}" % (line, t))
            name = m.group(1)
            k += 3
            if t == "\\begin":
                envs.append((name, braces, line))
                if name == "tabular":
                    need(tabular is None, "line %d: a tabular in a tabular" % line)
                    spec = re.match(r"\{([lcr]+)\}", "".join(toks[k:k + 3]))
                    need(spec, "line %d: a tabular without its column spec" % line)
                    k += 3
                    tabular = {"cols": len(spec.group(1)), "rules": [], "cells": 1, "line": line}
                    tabulars += 1
            else:
                need(envs, "line %d: \\end{%s} closes nothing" % (line, name))
                opened, depth, at = envs.pop()
                need(opened == name, "line %d: \\end{%s} closes \\begin{%s} of line %d" % (line, name, opened, at))
                need(depth == braces, "line %d: \\end{%s} at another brace depth than its \\begin" % (line, name))
                if name == "tabular":
                    need(tabular["rules"] == ["toprule", "midrule", "bottomrule"],
                         "line %d: a tabular with rules %r, not toprule, midrule, bottomrule" % (
                             tabular["line"], tabular["rules"]))
                    tabular = None
        elif t in ("\\toprule", "\\midrule", "\\bottomrule", "\\hline"):
            need(tabular is not None, "line %d: %s outside a tabular" % (line, t))
            tabular["rules"].append(t[1:])
        elif t == "\\\\":
            need(tabular is not None, "line %d: \\\\ outside a tabular" % line)
            need(tabular["cells"] == tabular["cols"], "line %d: %d cells, the tabular has %d columns" % (
                line, tabular["cells"], tabular["cols"]))
            tabular["cells"] = 1
    need(braces == 0, "the braces do not balance (%d open at the end)" % braces)
    need(not envs, "\\begin{%s} of line %d is never ended" % (envs[-1][0], envs[-1][2]) if envs else "")
    need(tabulars or NOTHING in text, "no tabular")
    no_nan(text, lambda s: re.sub(r"\\[A-Za-z]+", "", s))


CHECKERS = {"text": check_text, "json": check_json, "csv": check_csv,
            "markdown": check_markdown, "latex": check_latex}


def main(argv):
    if len(argv) < 3 or argv[1] not in CHECKERS:
        sys.exit("usage: wellformed.py text|json|csv|markdown|latex FILE [--dir D] [--digest-of F]")
    opts, rest = {}, argv[3:]
    while rest:
        need(len(rest) >= 2 and rest[0] in ("--dir", "--digest-of"), "bad option %r" % rest[0])
        opts[rest[0][2:]] = rest[1]
        rest = rest[2:]
    with open(argv[2], "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Bad("not UTF-8: %s" % e)
    CHECKERS[argv[1]](text, opts)
    print("ok", argv[1])


if __name__ == "__main__":
    try:
        main(sys.argv)
    except Bad as e:
        print("%s: %s" % (sys.argv[2], e))
        sys.exit(1)
