#!/bin/sh
# tests/csv/run.sh: `--format csv` holds every report kind, in a table Python's csv
# module loads, and says what the text and the JSON of the same run say.
#   - for every example and every golden file of tests/golden/run (their sweeps cover
#     settlement, mediation and provocation reports, with one draw and with many), the
#     text, JSON and CSV of one run agree, value by value (agree.py says how);
#   - so do they for tests/run's maps (a grid in the text);
#   - a mediation and a provocation report are in the CSV (kenya printed a header and
#     no row);
#   - the CSV keeps every digit where the text rounds: rounding-noise.scen's margin of
#     −3.8e-6 on a stake of 1e11 prints as 0, and is −3.814697266e-06 in the CSV (its SE
#     0: one draw).
# Without python3 the checks are skipped, with a message. The last line is
# `csv: N passed, M failed`.
NAME=csv
. "${srcdir:-.}/tests/lib.sh"

if ! command -v python3 >/dev/null 2>&1; then
	echo "csv: python3 not found: the CSV checks are skipped"
	echo "csv: $pass passed, $fail failed"
	exit 0
fi

# agree NAME DIR FILE ARGS...: the three formats of `scen run FILE ARGS` in DIR agree
agree() {
	name=$1 d=$2 f=$3
	shift 3
	for fmt in text json csv; do
		if ! (cd "$d" && "$scen" run "$f" --format $fmt "$@") > "$tmp/out.$fmt" 2> "$tmp/err"; then
			bad "$name: scen run --format $fmt failed"
			sed 's/^/    /' "$tmp/err"
			return
		fi
	done
	if python3 "$srcdir/tests/csv/agree.py" "$tmp/out.text" "$tmp/out.json" "$tmp/out.csv" \
		> "$tmp/agree" 2>&1; then
		ok
	else
		bad "$name: the text, JSON and CSV disagree"
		tail -n 3 "$tmp/agree" | sed 's/^/    /'
	fi
}

for f in "$srcdir"/examples/*.scen; do
	name=$(basename "$f" .scen)
	args=$(cat "$srcdir/tests/golden/examples/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086 # ARGS are words
	agree "examples/$name" "$srcdir/examples" "$name.scen" $args
done
for f in "$srcdir"/tests/golden/run/*.scen; do
	name=$(basename "$f" .scen)
	args=$(sed 's/--format [a-z]*//' "$srcdir/tests/golden/run/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086
	agree "golden/run/$name" "$srcdir/tests/golden/run" "$name.scen" $args
done
# maps: tests/run's, of every report kind and of one settlement report
agree "run/map-kinds" "$srcdir/tests/run" map-kinds.scen
agree "run/map" "$srcdir/tests/run" map.scen --draws 500

"$scen" run "$srcdir/examples/kenya.scen" --format csv > "$tmp/k.csv"
if python3 - "$tmp/k.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(line for line in open(sys.argv[1], newline="") if line[0] != "#"))
assert {r["kind"] for r in rows} == {"mediation"}, rows
assert {r["report"] for r in rows} == {"mediation au"}
m = {r["measure"]: r["estimate"] for r in rows}
# core.md §3's worked check: kibaki's margin 8, odinga's 25, AGREEMENT
assert (m["margin.state.mean"], m["margin.rebels.mean"], m["agreement"]) == ("8", "25", "1"), m
PY
then ok; else bad "kenya: the mediation is not in the CSV with margins 8 and 25"; fi

g=$srcdir/tests/golden/run
"$scen" run "$g/rounding-noise.scen" --format csv > "$tmp/n.csv"
if grep -q '^mediation talks,mediation,,,1,margin.rebels.mean,-3.814697266e-06,0,,$' "$tmp/n.csv" &&
   grep -q 'reb           ACCEPTS, margin 0 dollars' "$g/rounding-noise.out"; then ok; else
	bad "rounding-noise: the CSV does not keep the margin's −3.8e-6 that the text prints as 0"
fi

# A negative zero is 0 in every format: with `win = -0%` and no intervener the true
# chance is p = 1·(−0) + 0·(−0) = −0 (IEEE); the CSV writes v + 0.0, "0", and so must the
# JSON ("p": -0.0 before), here and in the cause's counterfactual range.
printf 'stake s { value = 100 }\nactor a : state { cost = 20; belief = 10%% }\nactor b : rebels { cost = 10; belief = 60%% }\nconflict a vs b over s { win = -0%% }\n' > "$tmp/z.scen"
"$scen" run "$tmp/z.scen" --format json > "$tmp/z.json"
if ! grep -q -- '-0\.0' "$tmp/z.json" && [ "$(grep -c '"p": 0.0,' "$tmp/z.json")" -eq 2 ]; then ok; else
	bad "negative zero: the JSON writes -0.0"
fi

finish
