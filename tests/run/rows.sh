#!/bin/sh
# tests/run/rows.sh: a sweep row reports what the file with the row's value set reports
# (the same draws: the same counts and quantities), also when the rebels' private value
# reads what the sweep changes: its K types must be recomputed per row, not kept from
# the first (they were, for an attribute the file leaves unset: row 90% printed SETTLE
# 96.5% where the file with capacity = 90% finds RISK 96.5%). The last line is
# `run/rows: N passed, M failed`.
NAME=run/rows
. "${srcdir:-.}/tests/lib.sh"
if ! $have_python; then
	echo "run/rows: skipped (no python3)"
	exit 0
fi
file=$srcdir/tests/run/rows.scen
sed '/^#sweeps/,$d' "$file" > "$tmp/plain.scen"
$scen run "$file" --format json > "$tmp/sweeps.json" 2>>"$tmp/err" ||
	bad "scen run rows.scen failed: $(cat "$tmp/err")"
for set in gov.capacity=0.1 gov.capacity=0.5 gov.capacity=0.9; do
	$scen run "$tmp/plain.scen" --set $set --format json > "$tmp/one.json" 2>>"$tmp/err"
	check "the sweep row $set is not the file with $set" python3 - "$tmp/sweeps.json" \
		"$tmp/one.json" "$set" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["reports"]
one = json.load(open(sys.argv[2]))["reports"][0]
attr, value = sys.argv[3].split("=")
row = [r for r in rows if r["sweep"]["attribute"] == attr and
       abs(r["sweep"]["value"] - float(value)) < 1e-12]
assert len(row) == 1, (attr, value, [r["sweep"] for r in rows])
for key in ("verdicts", "causes", "quantities"):
    assert row[0][key] == one[key], (key, row[0][key], one[key])
PY
done
# A row is the decimal written: `from -0.3 to 0.3 step 0.1` is -0.3, -0.2, …, 0.3 in
# the CSV (10 significant digits) as in the text. Summed naively, -0.3 + 3 × 0.1 is
# 5.55e-17: the text printed 0 while the CSV, the JSON and the model had 5.55e-17.
cat > "$tmp/decimal.scen" <<'EOF'
let shift = 0
stake s { value = 100 }
actor g : state { cost = 10; belief = 0.5 + shift }
actor r : rebels { cost = 10; belief = 0.5 }
conflict g vs r over s { win = 50% }
sweep shift from -0.3 to 0.3 step 0.1 { report settlement g vs r }
EOF
values=$($scen run "$tmp/decimal.scen" --format csv 2>>"$tmp/err" |
	awk -F, '$6 == "verdict.settle" { printf "%s ", $4 }')
check "the rows of step 0.1 are its decimals (got: $values)" \
	test "$values" = "-0.3 -0.2 -0.1 0 0.1 0.2 0.3 "
finish
