#!/usr/bin/env python3
"""tests/hostile/tamper.py: tampered partials against `scen merge` (run by merge.sh).

Runs tests/hostile/merge.scen in shards (3 of 3,000 draws, where every draw is in the
quantile sample, and 2 of 10,000, where the sampling rule keeps about 8,192), then, for
each tampering of the list below, changes the partials, runs `scen merge` on them and
requires its exit status and standard error (a regular expression, matched against
all of it) and an empty standard output. A tampering is made twice when the checks of
a partial's content are its subject: as it is (the digest no longer matches: "damaged")
and forged (the digest recomputed as docs/json.md defines it, so that the invariant
itself must catch it). Cases that must merge (a partial re-indented, keys reordered)
must print the unsharded run's report.
Usage: tamper.py SCEN SRCDIR TMPDIR. The last line is `hostile: N passed, M failed`.
"""
import copy
import json
import os
import re
import struct
import subprocess
import sys

scen, srcdir, tmp = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
source = os.path.join(srcdir, "tests", "hostile", "merge.scen")
TYPES = ["--types", "64"]
U64 = 2**64 - 1
I63 = 2**63 - 1


def run(*args):
    p = subprocess.run([scen, *args], capture_output=True, text=True, cwd=tmp)
    return p.returncode, p.stdout, p.stderr


def shards(name, draws, n):
    parts = []
    for i in range(1, n + 1):
        path = os.path.join(tmp, f"{name}.{i}.json")
        st, _, err = run("run", source, "--draws", str(draws), *TYPES, "--shard", f"{i}/{n}",
                         "-o", path)
        assert st == 0, err
        parts.append(json.load(open(path)))
    st, whole, err = run("run", source, "--draws", str(draws), *TYPES)
    assert st == 0, err
    return parts, whole


def digest(p):
    """docs/json.md: FNV-1a 64 over the text of every value, each and a newline."""
    lines = [p["format"], p["scen"], p["source"], p["source_hash"], str(len(p["files"]))]
    for f in p["files"]:
        lines += [f["path"], f["sha256"]]
    lines += [str(int(p["seed"])),
              str(p["draws"]), str(p["types"]), p["shard"], *map(str, p["units"]), p["keys"],
             str(len(p["jobs"]))]
    for job in p["jobs"]:
        for key, v in job.items():
            if key != "sample":
                lines += [str(x) for x in (v if isinstance(v, list) else [v])]
        for s in job["sample"]:
            lines.append(str(len(s)))
            lines += ["%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0] for x in s]
    lines.append(str(len(p["clamped"])))
    lines += map(str, p["clamped"])
    h = 0xcbf29ce484222325
    for b in "".join(line + "\n" for line in lines).encode():
        h = ((h ^ b) * 0x100000001b3) & U64
    return "%016x" % h


small, small_whole = shards("small", 3000, 3)
large, large_whole = shards("large", 10000, 2)
for p in small + large:
    assert digest(p) == p["digest"], "digest.py disagrees with scen"

passed = failed = 0


DAMAGED = (r"scen merge: t\.\d\.json: damaged: its content does not match its digest "
           r"\(the file was changed after `scen run --shard` wrote it\)\n")


def case(name, base, change, status, message, forged=True, asis="damaged", whole=None):
    """The tampering forged (its digest recomputed: message expected), and as is (its
    digest left: "damaged" expected, or the same message when the reader finds the
    fault before it compares digests, or None: not made)."""
    global passed, failed
    modes = ([("forged", message)] if forged else []) + \
        ([("as is", DAMAGED if asis == "damaged" else message)] if asis else [])
    for mode, want in modes:
        parts = copy.deepcopy(base)
        change(parts)
        paths = []
        for i, p in enumerate(parts):
            changed = i >= len(base) or p != base[i]
            if mode == "forged" and changed and isinstance(p, dict) and "digest" in p:
                try:
                    p["digest"] = digest(p)
                except (KeyError, TypeError, ValueError, struct.error):
                    pass	# too broken to have a digest: the reader says why
            path = os.path.join(tmp, f"t.{i + 1}.json")
            with open(path, "w") as f:
                f.write(p if isinstance(p, str) else json.dumps(p, separators=(",", ":")))
            paths.append(os.path.basename(path))
        st, out, err = run("merge", *paths)
        if st == status and re.fullmatch(want, err) and out == (whole or ""):
            passed += 1
            continue
        failed += 1
        print(f"FAIL: hostile merge: {name} ({mode}): exit {st}, wanted {status}")
        print("    stderr: " + err.rstrip("\n").replace("\n", "\n    "))
        print("    wanted: " + want.rstrip("\n"))
        if out != (whole or ""):
            print("    stdout: " + out[:200])


def job(parts, i=1, j=0):
    return parts[i]["jobs"][j]


def mul_str(s, k):
    return str(int(s) * k)


P = r"scen merge: t\.2\.json: "
T = P + r"not the totals of its units of the run: "
N = P + r"not a partial of `scen run --shard`: "
SETTLE = r"report `settlement gov vs reb`: "
MED = r"report `mediation talks`: "
GAME = r"report `provocation by reb`: "
ROW = r"report `settlement gov vs reb` \(row 2 of the sweep of `reb\.belief`\): "
# shard 2/3 of the small run: units 3..5, block 1 (draws 1,024..2,047) of the 3 groups
# (the file's reports, then the sweep's 2 rows): each job has 1,024 draws.


def set_verdict(parts, k, v):
    job(parts)["verdicts"][k] = v


# ---- counts that do not add up, or beyond their draws ----
case("verdicts add up to more than n (shares totalling 105%)", small,
     lambda p: job(p)["verdicts"].__setitem__(0, job(p)["verdicts"][0] + 51), 1,
     T + SETTLE + r"`verdicts` adds up to 1075, not `n` \(1024\)\n")
case("verdicts add up to less than n", small,
     lambda p: job(p)["verdicts"].__setitem__(3, 0), 1,
     T + SETTLE + r"`verdicts` adds up to \d+, not `n` \(1024\)\n")
case("a verdict count at 2^63 - 1", small, lambda p: set_verdict(p, 1, I63), 1,
     T + SETTLE + r"`verdicts\[1\]` is 9223372036854775807, more than `n` \(1024\)\n")
case("n at 2^63 - 1", small, lambda p: job(p).__setitem__("n", I63), 1,
     T + SETTLE + r"`n` is 9223372036854775807, but its units have 1024 draws\n")
case("n and every count of a report tripled, consistently", small,
     lambda p: [job(p).__setitem__(k, [x * 3 for x in v] if isinstance(v, list) else v * 3)
                for k, v in list(job(p).items()) if k != "sample" and not isinstance(v, str)
                and not (isinstance(v, list) and v and isinstance(v[0], str))], 1,
     T + SETTLE + r"`n` is 3072, but its units have 1024 draws\n")
case("without_patron does not add up to n", small,
     lambda p: job(p)["without_patron"].__setitem__(1, job(p)["without_patron"][1] + 7), 1,
     T + SETTLE + r"`without_patron` adds up to 1031, not `n` \(1024\)\n")
case("a cause in more draws than there are breakdowns", small,
     lambda p: job(p)["causes"].__setitem__(0, job(p)["verdicts"][2] + 1), 1,
     T + SETTLE + r"`causes\[0\]` is \d+, more than `verdicts\[2\] \(breakdowns\)` \(\d+\)\n")
case("breakdowns not made up of their causes", small,
     lambda p: job(p).__setitem__("uncaused", job(p)["uncaused"] + 1), 1,
     T + SETTLE + r"its \d+ breakdowns are not made up of its causes, pairs, `jointly` and `uncaused`\n")
case("pair counts that do not add up to the pairs", small,
     lambda p: job(p)["pair_count"].__setitem__(1, 1), 1,
     T + SETTLE + r"`pair_count\[1\]` is 1, more than `pairs` \(0\)\n")
case("a quantity measured in more draws than there are", small,
     lambda p: job(p)["nstat"].__setitem__(0, 1025), 1,
     T + SETTLE + r"`nstat\[0\]` is 1025, more than `n` \(1024\)\n")
case("more offers than RISK draws", small,
     lambda p: job(p)["nstat"].__setitem__(4, job(p)["verdicts"][3] + 1), 1,
     T + SETTLE + r"`nstat\[4\]` \(offers\) is \d+, more than its \d+ RISK draws\n")
case("too_large set (a run with any writes no partial)", small,
     lambda p: job(p).__setitem__("too_large", 1), 1, T + SETTLE + r"`too_large` is not 0\n")
case("a mediation's field in a settlement", small,
     lambda p: job(p).__setitem__("strat.agreements", 1), 1,
     T + SETTLE + r"`strat.agreements` is not 0\n")
case("a settlement's field in a mediation", small,
     lambda p: job(p, 1, 1).__setitem__("n", 1), 1, T + MED + r"`n` is not 0\n")
case("a mediation: more agreements than draws", small,
     lambda p: job(p, 1, 1).__setitem__("strat.agreements", 1025), 1,
     T + MED + r"`strat.agreements` is 1025, more than `strat.n` \(1024\)\n")
case("a mediation: strat.n at 2^63 - 1", small,
     lambda p: job(p, 1, 1).__setitem__("strat.n", I63), 1,
     T + MED + r"`strat.n` is 9223372036854775807, but its units have 1024 draws\n")
case("a game: its paths do not add up to its draws", small,
     lambda p: job(p, 1, 2)["strat.paths"].__setitem__(0, 5), 1,
     T + GAME + r"`strat.paths` adds up to 1029, not `strat.n` \(1024\)\n")
case("a game: a rule pivotal in more draws than there are", small,
     lambda p: job(p, 1, 2)["strat.pivotal"].__setitem__(0, 2000), 1,
     T + GAME + r"`strat.pivotal\[0\]` is 2000, more than `strat.n` \(1024\)\n")
case("a sweep row's n", small, lambda p: job(p, 1, 4).__setitem__("n", 1000), 1,
     T + ROW + r"`n` is 1000, but its units have 1024 draws\n")
case("a value clamped in more draws than there are", small,
     lambda p: p[1]["clamped"].__setitem__(0, 5000), 1,
     T + r"`[a-z._]+` was clamped in 5000 draws, more than its units' 3072\n")

# ---- sums ----
case("sums tripled", small,
     lambda p: [job(p).__setitem__(k, [mul_str(x, 3) for x in job(p)[k]] if k == "sum"
                                   else mul_str(job(p)[k], 3))
                for k in ("sum", "sum_p_breakdown", "sum_eu")], 1,
     T + SETTLE + r"`sum\[3\]` is not a sum of `nstat\[3\]` \(1024\) values from 0 to 1\n")
case("a sum at 2^126", small, lambda p: job(p)["sum"].__setitem__(0, str(2**126)), 1,
     T + SETTLE + r"`sum\[0\]` is not a sum of `nstat\[0\]` \(1024\) values from -9.0072e\+15 to 9.0072e\+15\n")
case("a sum beyond 128 bits", small, lambda p: job(p)["sum"].__setitem__(0, str(2**127)), 1,
     N + r"`sum` is not an exact sum \(a decimal string\)\n", asis="same")
case("a negative sum of gaps", small, lambda p: job(p)["sum"].__setitem__(2, "-1"), 1,
     T + SETTLE + r"`sum\[2\]` is not a sum of `nstat\[2\]` \(1024\) values from 0 to 9.0072e\+15\n")
case("a sum of x_min moved within its range (every draw sampled)", small,
     lambda p: job(p)["sum"].__setitem__(0, mul_str(job(p)["sum"][0], 3)), 1,
     T + SETTLE + r"`sample\[0\]` holds every draw's value, and they do not add up to its sum\n")
case("a mediation's margins summed wrong (every draw sampled)", small,
     lambda p: job(p, 1, 1)["strat.margin"].__setitem__(1, "0"), 1,
     T + MED + r"`sample\[1\]` holds every draw's value, and they do not add up to its sum\n")
case("a game's P(war) above 1 a draw", small,
     lambda p: job(p, 1, 2).__setitem__("strat.p_war", str(2000 * 2**40)), 1,
     T + GAME + r"`strat.p_war` is not a sum of `strat.n` \(1024\) values from 0 to 1\n")
case("a sum that is not a number", small, lambda p: job(p)["sum"].__setitem__(1, "12x"), 1,
     N + r"`sum` is not an exact sum \(a decimal string\)\n", asis="same")

# ---- samples ----
case("a sample 10 times too long (the sampling rule keeps ~8,192 of 10,000)", large,
     lambda p: job(p, 0)["sample"].__setitem__(0, job(p, 0)["sample"][0] * 10), 1,
     r"scen merge: t\.1\.json: not the totals of its units of the run: " + SETTLE +
     r"`sample\[0\]` holds \d+ values, but the sampling rule keeps \d+ of its draws \(5120 of them measured\)\n")
case("a sample one value short", large,
     lambda p: job(p, 0)["sample"][1].pop(), 1,
     r"scen merge: t\.1\.json: not the totals of its units of the run: " + SETTLE +
     r"`sample\[1\]` holds \d+ values, but the sampling rule keeps \d+ of its draws \(5120 of them measured\)\n")
case("a P(war) of 2 in the sample", small,
     lambda p: job(p)["sample"][3].__setitem__(0, 2.0), 1,
     T + SETTLE + r"`sample\[3\]` holds 2, outside 0 to 1\n")
case("a sampled value beyond 2^53", small,
     lambda p: job(p)["sample"][0].__setitem__(0, 1e17), 1,
     T + SETTLE + r"`sample\[0\]` holds 1e\+17, outside -9.0072e\+15 to 9.0072e\+15\n")
case("a sampled value changed (every draw sampled)", small,
     lambda p: job(p)["sample"][1].__setitem__(0, job(p)["sample"][1][0] + 1), 1,
     T + SETTLE + r"`sample\[1\]` holds every draw's value, and they do not add up to its sum\n")
case("a game with a sample", small, lambda p: job(p, 1, 2)["sample"][0].append(1.0), 1,
     T + GAME + r"`sample\[0\]` is not empty\n")
case("a sampled value that is not finite", small,
     lambda p: p.__setitem__(1, json.dumps(p[1], separators=(",", ":")).replace('"sample":[[', '"sample":[[1e999,', 1)),
     1, r"scen merge: t\.2\.json:1:\d+: not JSON: real number overflow near '1e999'\n",
     forged=False, asis="same")

# ---- the head: seed, draws, types, shard, units ----
case("the seed changed in every partial (the report would print it over the old seed's numbers)",
     small, lambda p: [q.__setitem__("seed", 8) for q in p], 1,
     r"scen merge: t\.1\.json: its draws were not made with its seed 8 \(its stream keys are those of another seed\): the seed was changed after the shard ran\n")
case("the seed changed in one partial", small, lambda p: p[1].__setitem__("seed", 8), 1,
     r"scen merge: t\.1\.json and t\.2\.json come from different runs: not the same seed\n")
case("a seed beyond 2^64 - 1", small,
     lambda p: [q.__setitem__("seed", str(2**64)) for q in p], 1,
     r"scen merge: t\.1\.json: not a partial of `scen run --shard`: `seed` is not a whole number from 0 to 18,446,744,073,709,551,615\n", asis="same")
case("draws beyond the limit", small,
     lambda p: [q.__setitem__("draws", U64 // 2) for q in p], 1,
     r"scen merge: t\.1\.json: not a partial of `scen run --shard`: `draws` is not a whole number from 1 to 10,000,000,000\n", asis="same")
case("draws of 0", small, lambda p: [q.__setitem__("draws", 0) for q in p], 1,
     r"scen merge: t\.1\.json: not a partial of `scen run --shard`: `draws` is not a whole number from 1 to 10,000,000,000\n", asis="same")
case("draws that do not make the units", small,
     lambda p: [q.__setitem__("draws", 5000) for q in p], 1,
     r"scen merge: t\.1\.json: not a partial of `scen run --shard`: `units` has a total of 9, not a multiple of the 5 blocks of its 5000 draws\n", asis="same")
case("draws that make other units", small,
     lambda p: [q.__setitem__("draws", 2500) for q in p], 1,
     r"scen merge: t\.3\.json: not the totals of its units of the run: " + SETTLE +
     r"`n` is 952, but its units have 452 draws\n")
case("types of 0", small, lambda p: [q.__setitem__("types", 0) for q in p], 1,
     r"scen merge: t\.1\.json: not a partial of `scen run --shard`: `types` is not a whole number from 1 to 16,777,216\n", asis="same")
case("a shard claiming all units", small,
     lambda p: p[1].__setitem__("units", [0, 9, 9]), 1,
     N + r"`units` is \[0, 9\), but shard 2/3 of 9 units is \[3, 6\)\n", asis="same")
case("a shard claiming all units as 1/1", small,
     lambda p: p.__setitem__(slice(None), [dict(p[1], units=[0, 9, 9], shard="1/1")]), 1,
     r"scen merge: t\.1\.json: not the totals of its units of the run: " + SETTLE +
     r"`n` is 1024, but its units have 3000 draws\n")
case("shard 0/3", small, lambda p: p[1].__setitem__("shard", "0/3"), 1,
     N + r"`shard` is not I/N with 1 <= I <= N <= 1048576\n", asis="same")
case("shard 4/3", small, lambda p: p[1].__setitem__("shard", "4/3"), 1,
     N + r"`shard` is not I/N with 1 <= I <= N <= 1048576\n", asis="same")
case("shard 2/3 and more", small, lambda p: p[1].__setitem__("shard", "2/3x"), 1,
     N + r"`shard` is not I/N\n", asis="same")
case("units first after end", small, lambda p: p[1].__setitem__("units", [6, 3, 9]), 1,
     N + r"`units` is \[6, 3\), but shard 2/3 of 9 units is \[3, 6\)\n", asis="same")
case("a total of 0 units", small, lambda p: p[1].__setitem__("units", [0, 0, 0]), 1,
     N + r"`units` has a total of 0, not a multiple of the 3 blocks of its 3000 draws\n", asis="same")
case("a version of scen changed", small, lambda p: p[1].__setitem__("scen", "0.0.1"), 1,
     r"scen merge: t\.1\.json and t\.2\.json come from different runs: not the same version of scen\n")
case("the source hash changed in every partial", small,
     lambda p: [q.__setitem__("source_hash", "0123456789abcdef") for q in p], 1,
     r"scen merge: /\S*merge\.scen has changed since the shards ran \(its hash, with its imports, is [0-9a-f]{16}, the partials' 0123456789abcdef\)\n")
case("keys that are not hexadecimal", small, lambda p: p[1].__setitem__("keys", "xyz"), 1,
     N + r"`keys` is not 16 hexadecimal digits\n", asis="same")
case("a format of another version", small, lambda p: p[1].__setitem__("format", "scen partial 1"),
     1, N + r"its `format` is not \"scen partial 4\"\n", forged=False, asis="same")
case("the files removed", small, lambda p: p[1].pop("files"), 1,
     N + r"`files` is not an array\n", forged=False, asis="same")
case("a file's hash not 64 hexadecimal digits", small,
     lambda p: p[1]["files"][0].__setitem__("sha256", "0" * 63), 1,
     N + r"`files` holds an entry that is not \{ path, sha256 \} with 64 hexadecimal digits\n",
     asis="same")
case("a file's hash changed", small,
     lambda p: p[1]["files"][0].__setitem__("sha256", "0" * 64), 1,
     r"scen merge: t\.1\.json and t\.2\.json come from different runs: not the same files \(their paths or SHA-256\)\n")
case("a file's hash changed in every partial", small,
     lambda p: [q["files"][0].__setitem__("sha256", "0" * 64) for q in p], 1,
     r"scen merge: t\.1\.json: its `files` are not those /\S*merge\.scen loads now \(their SHA-256 differ\)\n")

# ---- structure ----
case("a job removed", small, lambda p: p[1]["jobs"].pop(), 1,
     r"scen merge: t\.1\.json and t\.2\.json come from different runs: not the same reports\n")
case("a job removed from every partial", small, lambda p: [q["jobs"].pop() for q in p], 1,
     r"scen merge: /\S*merge\.scen does not make the run the partials come from\n")
case("two jobs swapped", small, lambda p: p[1]["jobs"].reverse(), 1,
     T + MED + r"`strat.n` is 0, but its units have 1024 draws\n")
case("a count that is negative", small, lambda p: job(p).__setitem__("pairs", -1), 1,
     N + r"pairs is not a whole number\n", asis="same")
case("a count that is a fraction", small, lambda p: job(p).__setitem__("pairs", 1.5), 1,
     N + r"pairs is not a whole number\n", asis="same")
case("the digest removed", small, lambda p: p[1].pop("digest"), 1,
     N + r"`digest` is not 16 hexadecimal digits\n", forged=False, asis="same")
case("truncated", small, lambda p: p.__setitem__(1, json.dumps(p[1])[:5000]), 1,
     r"scen merge: t\.2\.json:1:5000: not JSON: .*\n", forged=False, asis="same")
case("a shard given twice", small, lambda p: p.__setitem__(2, p[1]), 1,
     r"scen merge: t\.2\.json and t\.3\.json overlap \(units from 3\): each shard must be given once\n",
     asis=None)
case("a shard left out", small, lambda p: p.pop(1), 1,
     r"scen merge: units 3 to 5 of 9 are in no partial \(is a shard missing\?\)\n", asis=None)

# ---- what must still merge: the values are the same ----
case("re-indented", small,
     lambda p: p.__setitem__(1, json.dumps(p[1], indent=4)), 0, "", forged=False, asis="same", whole=small_whole)
case("keys reordered and a field added", small,
     lambda p: p.__setitem__(1, json.dumps(dict(reversed(list(p[1].items())), note="x"))), 0, "",
     forged=False, asis="same", whole=small_whole)
case("nothing changed", large, lambda p: None, 0, "", forged=False, asis="same", whole=large_whole)

print(f"hostile: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
