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
finish
