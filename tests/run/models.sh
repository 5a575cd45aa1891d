#!/bin/sh
# tests/run/models.sh: the models over sweeps: Priest–Klein (P(BREAKDOWN) peaks at p = 50%; with θ
# drawn, the mean true p over breakdowns moves toward 50% as the errors shrink), the
# perverse effect (P(BREAKDOWN) rises with chance_if_atrocities); JSON parses and holds
# the documented fields; the CSV, pivoted, has one row per report per sweep row.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/models: N passed, M failed`.
NAME=run/models
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run
det=$dir/determinism.scen
# only_warnings FILE: FILE holds nothing but the checker's warnings, with their notes and
# source lines (a file's warnings go to stderr and the run goes on)
only_warnings() {
	! grep -v -e '^[^ ]*:[0-9]*:[0-9]*: \(warning\|note\): ' -e '^ *[0-9]* | ' -e '^ *| ' \
		"$1" | grep -q .
}

# ---- CSV helpers (python3) ----
# csv_wide LONG > WIDE: the tidy CSV (docs/json.md) pivoted as a pandas user would: one
# row per report and sweep row, in order, with a column per measure (its estimate) and
# se.MEASURE (its standard error)
csv_wide() {
	python3 - "$1" <<'EOF'
import csv, sys
rows, fields = {}, ["report", "kind", "sweep", "value", "draws"]
for r in csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"):
    row = rows.setdefault((r["report"], r["sweep"], r["value"]), {k: r[k] for k in fields[:5]})
    for k, v in ((r["measure"], r["estimate"]), ("se." + r["measure"], r["se"])):
        row[k] = v
        if k not in fields:
            fields.append(k)
w = csv.DictWriter(sys.stdout, fields, restval="")
w.writeheader()
w.writerows(rows.values())
EOF
}

if $have_python; then
	# ---- Priest–Klein ----
	$scen run "$dir/priest-klein.scen" --format csv > "$tmp/pk.long" 2>>"$tmp/err"
	csv_wide "$tmp/pk.long" > "$tmp/pk.csv"
	check "Priest–Klein: P(BREAKDOWN) does not peak at p = 50%" python3 - "$tmp/pk.csv" <<'EOF'
import csv, math, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"))
b = [float(r["verdict.breakdown"]) for r in rows]
se = [float(r["se.verdict.breakdown"]) for r in rows]
n = len(rows)
mid = n // 2
assert n == 9 and abs(float(rows[mid]["value"])) < 1e-12, "the middle row is θ = 0"
# the middle row is the highest, within noise, and clearly above both ends
assert all(b[mid] >= b[i] - 3 * math.hypot(se[mid], se[i]) for i in range(n)), b
assert b[mid] > b[0] + 3 * math.hypot(se[0], se[mid]) and b[mid] > b[-1] + 3 * math.hypot(se[-1], se[mid]), b
# rises toward the middle from each end, within noise
for i in range(mid):
    assert b[i + 1] >= b[i] - 3 * math.hypot(se[i], se[i + 1]), b
    assert b[n - 2 - i] >= b[n - 1 - i] - 3 * math.hypot(se[n - 2 - i], se[n - 1 - i]), b
EOF
	$scen run "$dir/priest-klein-drawn.scen" --format csv > "$tmp/pkd.long" 2>>"$tmp/err"
	csv_wide "$tmp/pkd.long" > "$tmp/pkd.csv"
	check "Priest–Klein: the mean p over breakdowns does not move toward 50% as s shrinks" \
		python3 - "$tmp/pkd.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"))
s = [float(r["value"]) for r in rows]
m = [float(r["mean_p_breakdown"]) for r in rows]
assert s == sorted(s, reverse=True) and len(s) == 4, s
# the SE of a mean p over ~4,000 breakdowns is about 0.2 / 63 = 0.003
assert all(m[i + 1] <= m[i] + 0.01 for i in range(len(m) - 1)), m
assert m[-1] < m[0] - 0.03 and all(x > 0.5 for x in m), m
EOF

	# ---- the perverse effect ----
	$scen run "$dir/perverse.scen" --format csv > "$tmp/pv.long" 2>>"$tmp/err"
	csv_wide "$tmp/pv.long" > "$tmp/pv.csv"
	check "perverse effect: P(BREAKDOWN) does not rise with chance_if_atrocities" \
		python3 - "$tmp/pv.csv" <<'EOF'
import csv, math, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"))
q = [float(r["value"]) for r in rows]
b = [float(r["verdict.breakdown"]) for r in rows]
se = [float(r["se.verdict.breakdown"]) for r in rows]
assert len(rows) == 11 and abs(q[-1] - 1) < 1e-12, q
for i in range(len(b) - 1):
    assert b[i + 1] >= b[i] - 3 * math.hypot(se[i], se[i + 1]), b
assert b[-1] > b[0] + 0.5, b
# by hand (perverse.scen): breakdown when 60·q > c_R + c_S, c ~ U(5, 25) each:
# P = (60q − 10)² / 800 for 60q ≤ 30, 1 − (50 − 60q)² / 800 above
for qi, bi, si in zip(q, b, se):
    s = 60 * qi
    want = 0 if s <= 10 else (s - 10) ** 2 / 800 if s <= 30 else \
        1 - (50 - s) ** 2 / 800 if s <= 50 else 1
    sd = math.sqrt(want * (1 - want) / 20000)
    assert abs(bi - want) <= 3 * sd + 1e-12, (qi, bi, want)
EOF

	# ---- Ctrl-C: the run stops at the end of a block, every report and sweep row
	# with the same draws ----
	timeout -s INT 2 $scen run "$srcdir/examples/darfur.scen" --draws 1000000000 \
		--threads 2 --format json > "$tmp/int.json" 2> "$tmp/int.err"
	check "interrupt: does not stop at a block end with every row alike" \
		python3 - "$tmp/int.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["interrupted"] is True
n = d["draws"]
assert 0 < n < 10**9 and n % 1024 == 0, n
assert len(d["reports"]) > 2
for r in d["reports"]:
    assert r["draws"] == n, (r["report"], r["draws"], n)
EOF

	# ---- JSON and CSV ----
	$scen run "$det" --threads 1 --format json > "$tmp/t1.json" 2>>"$tmp/err"
	check "json: does not parse or lacks documented fields" python3 - "$tmp/t1.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("scenario", "unit", "seed", "draws", "uncertain", "interrupted", "reports", "clamped"):
    assert k in d, k
assert d["seed"] == 42 and d["draws"] == 9000 and d["uncertain"] is True
assert d["interrupted"] is False
assert len(d["reports"]) == 2 + 3, len(d["reports"])
for r in d["reports"]:
    for k in ("report", "state", "rebels", "stake", "draws", "verdicts", "causes",
              "quantities", "mean_p_breakdown", "sweep"):
        assert k in r, k
    assert set(r["verdicts"]) == {"NO THREAT", "SETTLE", "BREAKDOWN", "RISK"}
    assert sum(v["draws"] for v in r["verdicts"].values()) == r["draws"] == 9000
    for v in r["verdicts"].values():
        assert set(v) == {"draws", "share", "se"}
    for k in ("x_min", "x_max", "gap", "p_war"):
        q = r["quantities"][k]
        assert q["q05"] <= q["q50"] <= q["q95"], (k, q)
sweeps = [r["sweep"] for r in d["reports"] if r["sweep"]]
assert [s["row"] for s in sweeps] == [0, 1, 2]
assert [round(s["value"], 12) for s in sweeps] == [0.5, 0.7, 0.9]
assert all(s["attribute"] == "ally.rebels_win_if_in" for s in sweeps)
screened = d["reports"][1]
assert "eu_state" in screened and "offer" in screened["quantities"]
EOF
	for f in "$srcdir"/tests/golden/run/*.scen; do
		(cd "$(dirname "$f")" && $scen run "$(basename "$f")" --format json) > "$tmp/g.json" 2>>"$tmp/err"
		check "json: $(basename "$f") does not parse" python3 -m json.tool "$tmp/g.json" /dev/null
	done
	$scen run "$srcdir/tests/golden/run/nzelibe-breakdown.scen" --format json > "$tmp/nz.json"
	check "json: the exact arithmetic of nzelibe-breakdown" python3 - "$tmp/nz.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["uncertain"] is False and d["draws"] == 1
e = d["reports"][0]["exact"]
r = e["range"]
assert (r["x_min"], r["x_max"], r["gap"], r["verdict"]) == (400000, 300000, 100000, "BREAKDOWN"), r
assert [c["cause"] for c in e["causes"]] == ["divergent expectations"]
w = e["causes"][0]["without"]
assert (w["lo"], w["hi"]) == (50000, 450000), w
EOF
	$scen run "$srcdir/examples/kosovo.scen" --draws 3000 --format csv > "$tmp/k.long" 2>"$tmp/kerr"
	csv_wide "$tmp/k.long" > "$tmp/k.csv"
	check "csv: kosovo has not its settlement, its game and 11 sweep rows" python3 - "$tmp/k.csv" <<'EOF'
import csv, sys
d = list(csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"))
assert [r["kind"] for r in d] == ["settlement", "provocation"] + ["settlement"] * 11, d
assert d[0]["sweep"] == "" and d[0]["value"] == ""
assert [r["sweep"] for r in d[2:]] == ["nato.chance_if_atrocities"] * 11
assert [round(float(r["value"]), 9) for r in d[2:]] == [i / 10 for i in range(11)]
for r in d:
    assert r["draws"] == "3000"
    keys = ("verdict.no_threat", "verdict.settle", "verdict.breakdown", "verdict.risk") \
        if r["kind"] == "settlement" else \
        ("path.abstain", "path.concede", "path.repress", "path.atrocities")
    s = sum(float(r[k]) for k in keys)
    assert abs(s - 1) < 1e-9, s
EOF
	check "csv: kosovo's run wrote to stderr more than the checker's warnings" \
		only_warnings "$tmp/kerr"
	$scen run "$det" --format csv > "$tmp/d.long"
	csv_wide "$tmp/d.long" > "$tmp/d.csv"
	check "csv: determinism.scen has not one row per report per sweep row" python3 - "$tmp/d.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1]) if line[0] != "#"))
assert [r["report"] for r in rows] == ["settlement gov vs reb", "settlement gov vs screened"] + ["settlement gov vs reb"] * 3
EOF
else
	echo "run: python3 not found: Priest–Klein, perverse effect, JSON and CSV checks skipped"
fi

finish
