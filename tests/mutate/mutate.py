#!/usr/bin/env python3
"""tests/mutate/mutate.py: `make mutate`, mutation testing of the whole suite.

Would `make check` notice a bug? Each mutation of tests/mutate/mutations (a small
semantic change of the kind a real bug is: a comparison flipped, a term dropped, an
off-by-one, a tie rule reversed) is applied, one at a time, to a scratch copy of the
tree; the copy is rebuilt incrementally and the tests run, the fast ones first (unit,
errors, golden, ...: MUTATE_FAST) and the rest of `make check` only when those pass.
A mutant is killed when a test fails (or times out), survives when every test passes.
The file is restored before the next one. The kill rate is printed per area, with the
time it all took.

The scratch copy is ${MUTATE_DIR:-$TMPDIR/scen-mutate.<hash of the source path>}: the
source tree's files (git's tracked and untracked, not ignored) copied over it, only
those that changed, so that after the first run (autoreconf, configure, a full build)
every build is incremental. It is configured without --enable-werror: a mutant that
only adds a warning is still a mutant.

Usage (make mutate passes the first three):
  mutate.py --srcdir DIR --tests 'T...' --fast 'T...' --programs 'P...' [--only SEL...]
            [--validate] [--run-equivalent] [--list FILE]
--only selects mutations by number (12, 40-45) or area (core); --validate only checks
that every mutation's text is found, once, in its file (no build, no tests).
Exit status: 0 when every area kills at least MUTATE_TARGET percent (90) of its
non-equivalent mutants and the list is sound; 1 otherwise; 2 when the list or the
unmutated tree is broken (a text not found, a test failing before any mutation).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

KEYS = ("file", "area", "find", "replace", "behaviour", "equivalent")


class ListError(Exception):
    pass


def unescape(s):
    """\\n, \\t and \\\\ in a find or replace text; nothing else is special."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "nt\\":
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def parse_list(path):
    """The mutations, numbered from 1 in the order of the file (see its header)."""
    muts, cur, line_of = [], None, {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines + [""], 1):
        if raw.startswith("#"):
            continue
        if not raw.strip():
            if cur is not None:
                muts.append(cur)
                cur = None
            continue
        key, sep, value = raw.partition(":")
        if not sep or key not in KEYS:
            raise ListError(f"{path}:{n}: expected one of {', '.join(KEYS)}, then ':'")
        value = value[1:] if value.startswith(" ") else value
        if cur is None:
            cur = {"line": n}
        if key in cur:
            raise ListError(f"{path}:{n}: a second `{key}` in one mutation")
        cur[key] = unescape(value) if key in ("find", "replace") else value
    for i, m in enumerate(muts, 1):
        m["n"] = i
        for key in ("file", "find", "replace"):
            if key not in m:
                raise ListError(f"{path}:{m['line']}: mutation {i} has no `{key}`")
        if not m["find"]:
            raise ListError(f"{path}:{m['line']}: mutation {i}: `find` is empty")
        if m["find"] == m["replace"]:
            raise ListError(f"{path}:{m['line']}: mutation {i}: replace is find")
        m.setdefault("area", m["file"].split("/")[0])
    return muts


def locate(m, srcdir):
    """The mutation's file text and the offset of its text, which must occur once."""
    path = os.path.join(srcdir, m["file"])
    if not os.path.isfile(path):
        raise ListError(f"mutation {m['n']}: {m['file']} not found")
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    count = text.count(m["find"])
    if count == 0:
        raise ListError(f"mutation {m['n']}: text not found in {m['file']}: {m['find']!r}")
    if count > 1:
        raise ListError(f"mutation {m['n']}: text found {count} times in {m['file']} "
                        f"(it must be unique): {m['find']!r}")
    at = text.index(m["find"])
    return text, at, text.count("\n", 0, at) + 1


def select(muts, only):
    if not only:
        return muts
    keep = set()
    for sel in " ".join(only).split():
        if sel.replace("-", "").isdigit() and not sel.startswith("-"):
            lo, _, hi = sel.partition("-")
            keep.update(range(int(lo), int(hi or lo) + 1))
        else:
            found = [m["n"] for m in muts if m["area"] == sel or m["file"] == sel]
            if not found:
                raise ListError(f"--only {sel}: no such mutation number, area or file")
            keep.update(found)
    return [m for m in muts if m["n"] in keep]


def tree_files(srcdir):
    out = subprocess.run(["git", "-C", srcdir, "ls-files", "-z", "--cached", "--others",
                          "--exclude-standard"], check=True, capture_output=True).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0")
            if p and os.path.isfile(os.path.join(srcdir, p))]


MANIFEST = ".mutate-files"


def sync(srcdir, scratch):
    """Copies the files that differ (with a new mtime, so make rebuilds what they feed),
    and removes those the source tree no longer has (a deleted test case would still
    run, and fail, in the copy): the manifest lists what the last sync copied."""
    changed = 0
    files = tree_files(srcdir)
    manifest = os.path.join(scratch, MANIFEST)
    try:
        with open(manifest, encoding="utf-8", errors="surrogateescape") as f:
            before = set(f.read().split("\0"))
    except OSError:
        before = set()
    for rel in before - set(files) - {""}:
        try:
            os.remove(os.path.join(scratch, rel))
            changed += 1
        except OSError:
            pass
    for rel in files:
        src, dst = os.path.join(srcdir, rel), os.path.join(scratch, rel)
        with open(src, "rb") as f:
            data = f.read()
        try:
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        shutil.copymode(src, dst)
        changed += 1
    with open(manifest, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\0".join(files))
    return changed


def sh(cmd, cwd, log, timeout=None, env=None, append=False):
    """Runs cmd, its output to log; returns (status, seconds), status None on a timeout."""
    start = time.monotonic()
    with open(log, "ab" if append else "wb") as out:
        try:
            rc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                timeout=timeout, env=env, start_new_session=True).returncode
        except subprocess.TimeoutExpired:
            rc = None
    return rc, time.monotonic() - start


def build(scratch, programs, log):
    """`make all`, then the test programs: one make each, since `all` runs a sub-make
    (BUILT_SOURCES) that could rewrite libscen.a while a test program links it."""
    rc, secs = sh(["make", "-j2", "all"], scratch, log)
    if rc == 0 and programs:
        rc, more = sh(["make", "-j2"] + programs, scratch, log, append=True)
        secs += more
    return rc == 0, secs


def first_failure(log):
    """The first line of a test's output that says what failed."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = [l.rstrip() for l in f]
    except OSError:
        return ""
    for pat in ("FAIL", "Assertion", "fail", "error", "differ"):
        for l in lines:
            if pat in l:
                return l.strip()[:150]
    return lines[-1].strip()[:150] if lines else ""


class Suite:
    def __init__(self, scratch, fast, rest, log):
        self.scratch, self.fast, self.rest, self.log = scratch, fast, rest, log
        self.limit = {}
        self.env = dict(os.environ, srcdir=scratch, SCEN=os.path.join(scratch, "scen"),
                        NO_COLOR="1", CRITERION_FAIL_FAST="1")

    def run_one(self, test, timeout):
        return sh([os.path.join(self.scratch, test)], self.scratch, self.log, timeout,
                  self.env)

    def baseline(self):
        """Runs every test on the unmutated copy: each must pass; its time sets its
        timeout (a mutant that loops forever is killed by the clock)."""
        for test in self.fast + self.rest:
            rc, secs = self.run_one(test, 1800)
            if rc not in (0, 77):
                raise ListError(f"the unmutated tree fails {test} (status {rc}): "
                                f"{first_failure(self.log)}")
            self.limit[test] = 4 * secs + 30
            print(f"  {test}: passes in {secs:.1f} s", flush=True)
        self.rest.sort(key=lambda t: self.limit[t])   # the quick ones first

    def kills(self):
        """(test, why) for the first test that fails, or None when all pass."""
        for test in self.fast + self.rest:
            rc, _ = self.run_one(test, self.limit[test])
            if rc is None:
                return test, f"timed out after {self.limit[test]:.0f} s"
            if rc not in (0, 77):
                return test, first_failure(self.log)
        return None


def prepare(args, scratch):
    os.makedirs(scratch, exist_ok=True)
    log = os.path.join(scratch, "mutate-build.log")
    changed = sync(args.srcdir, scratch)
    print(f"scratch copy {scratch}: {changed} files updated", flush=True)
    if not os.path.exists(os.path.join(scratch, "Makefile")):
        print("  configuring it (once)", flush=True)
        for cmd in (["autoreconf", "-fi"], ["./configure", "-q"]):
            rc, _ = sh(cmd, scratch, log)
            if rc != 0:
                raise ListError(f"{' '.join(cmd)} failed in {scratch}: see {log}")
    ok, secs = build(scratch, args.programs.split(), log)
    if not ok:
        raise ListError(f"the unmutated tree does not build in {scratch}: see {log}")
    print(f"  built in {secs:.0f} s", flush=True)
    return log


def report(results, target):
    areas = []
    for r in results:
        if r["area"] not in areas:
            areas.append(r["area"])
    print("\narea         mutants  equivalent  killed  survived  stillborn  kill rate")
    low = False
    tot = dict(mutants=0, equivalent=0, killed=0, survived=0, stillborn=0)
    for a in areas + [None]:
        rs = [r for r in results if a is None or r["area"] == a]
        c = dict(mutants=len(rs))
        for k in ("equivalent", "killed", "survived", "stillborn"):
            c[k] = sum(r["result"] == k for r in rs)
        live = c["killed"] + c["survived"]
        rate = 100.0 * c["killed"] / live if live else 100.0
        if a is not None:
            low |= rate < target
            for k in tot:
                tot[k] += c[k]
        print(f"{a or 'total':<12} {c['mutants']:>7} {c['equivalent']:>11} {c['killed']:>7} "
              f"{c['survived']:>9} {c['stillborn']:>10} {rate:>9.1f}%")
    return low


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--srcdir", default=os.path.dirname(os.path.dirname(here)))
    ap.add_argument("--list", default=os.path.join(here, "mutations"))
    ap.add_argument("--tests", default="")
    ap.add_argument("--fast", default="")
    ap.add_argument("--programs", default="")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--validate", action="store_true")
    ap.add_argument("--run-equivalent", action="store_true")
    args = ap.parse_args()
    args.srcdir = os.path.abspath(args.srcdir)
    target = float(os.environ.get("MUTATE_TARGET", "90"))
    start = time.monotonic()
    try:
        muts = parse_list(args.list)
        for m in muts:      # every text is checked before anything runs
            m["text"], m["at"], m["lineno"] = locate(m, args.srcdir)
        muts = select(muts, args.only)
    except ListError as e:
        print(f"mutate: {e}", file=sys.stderr)
        return 2
    if args.validate:
        print(f"mutate: {len(muts)} mutations, every text found once in its file")
        return 0

    digest = hashlib.sha1(args.srcdir.encode()).hexdigest()[:10]
    scratch = os.environ.get("MUTATE_DIR") or os.path.join(
        tempfile.gettempdir(), f"scen-mutate.{digest}")
    fast = args.fast.split()
    rest = [t for t in args.tests.split() if t not in fast]
    try:
        log = prepare(args, scratch)
        suite = Suite(scratch, fast, rest, os.path.join(scratch, "mutate-test.log"))
        print("the unmutated suite:", flush=True)
        suite.baseline()
    except ListError as e:
        print(f"mutate: {e}", file=sys.stderr)
        return 2

    results, build_time = [], 0.0
    print(f"\n{len(muts)} mutations", flush=True)
    for m in muts:
        where = f"mutation {m['n']} {m['file']}:{m['lineno']} [{m['area']}]"
        r = {"area": m["area"], "n": m["n"]}
        results.append(r)
        if "equivalent" in m and not args.run_equivalent:
            r["result"] = "equivalent"
            print(f"{where} equivalent: {m['equivalent']}", flush=True)
            continue
        path = os.path.join(scratch, m["file"])
        t0 = time.monotonic()
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(m["text"][:m["at"]] + m["replace"] + m["text"][m["at"] + len(m["find"]):])
        try:
            ok, secs = build(scratch, args.programs.split(), log)
            build_time += secs
            if not ok:
                r["result"] = "stillborn"
                print(f"{where} STILLBORN: does not build (see {log}); fix the list",
                      flush=True)
                continue
            killer = suite.kills()
        finally:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(m["text"])
        secs = time.monotonic() - t0
        if killer:
            r["result"] = "killed"
            note = " (marked equivalent: it is not)" if "equivalent" in m else ""
            print(f"{where} killed{note} by {killer[0]} ({secs:.0f} s): {killer[1]}",
                  flush=True)
        else:
            r["result"] = "equivalent" if "equivalent" in m else "survived"
            print(f"{where} SURVIVED ({secs:.0f} s): {m.get('behaviour', '')}\n"
                  f"    - {m['find']!r}\n    + {m['replace']!r}", flush=True)
    build(scratch, args.programs.split(), log)     # leave the copy unmutated
    low = report(results, target)
    total = time.monotonic() - start
    print(f"\ntime: {total / 60:.1f} min ({build_time / 60:.1f} min of it building), "
          f"on {os.cpu_count()} cores, make -j2")
    bad = any(r["result"] == "stillborn" for r in results)
    if low:
        print(f"mutate: an area kills fewer than {target:g}% of its mutants")
    return 1 if low or bad else 0


if __name__ == "__main__":
    sys.exit(main())
