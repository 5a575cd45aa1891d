#!/bin/sh
# tests/shard/edges.sh: `scen merge` at the edge of its checks (docs/shards.md), one
# unit at a time, which run.sh's whole shards do not reach:
#   - a gap of one unit between partials, a missing last unit, an overlap of one unit;
#   - partials of runs with different --types;
#   - partials that are not quite partials (edited with python3; skipped without it):
#     units that end past the run's total, a negative count, an exact sum of 2^127 (one
#     past the largest that fits), and a job left out of every partial (the file as it
#     is makes more reports than they hold).
# Each exits 1 with its exact message. The last line is `merge: N passed, M failed`.
NAME=merge
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/shard/lib.sh"

# fails MESSAGE PARTIAL...: `scen merge PARTIAL...` exits 1 with stderr exactly MESSAGE
# (a pattern when it starts with ^) and prints nothing on stdout (lib.sh's expect)
fails() {
	msg=$1
	shift
	expect 1 "$msg" "$scen" merge "$@"
}

# No `~` (exact_scen): 5 units, so shard I of 5 is unit I − 1 alone.
cd "$tmp" || exit 99
exact_scen exact.scen
for i in 1 2 3 4 5; do
	"$scen" run exact.scen --shard $i/5 -o u$i.json || bad "exact.scen --shard $i/5 exited $?"
done
"$scen" run exact.scen --shard 1/2 -o h1.json	# units 0 and 1
"$scen" run exact.scen --shard 2/2 -o h2.json	# units 2 to 4

fails "scen merge: units 2 to 2 of 5 are in no partial (is a shard missing?)" \
	u1.json u2.json u4.json u5.json
fails "scen merge: units 4 to 4 of 5 are in no partial (is a shard missing?)" \
	u1.json u2.json u3.json u4.json
fails "scen merge: u3.json and h2.json overlap (units from 2): each shard must be given once" \
	h1.json u3.json h2.json
"$scen" run exact.scen --shard 3/5 --types 100 -o t3.json
fails "scen merge: u1.json and t3.json come from different runs: not the same types" \
	u1.json u2.json t3.json u4.json u5.json

if command -v python3 > /dev/null 2>&1; then
	python3 - <<'PY'
import json
def edit(src, dst, change):
    d = json.load(open(src))
    change(d)
    json.dump(d, open(dst, "w"))
edit("u5.json", "past.json", lambda d: d.__setitem__("units", [4, 6, 5]))
edit("u5.json", "neg.json", lambda d: d["jobs"][0].__setitem__("n", -1))
edit("u5.json", "big.json", lambda d: d["jobs"][0].__setitem__("sum_value", str(2**127)))
for i in range(1, 6):
    edit(f"u{i}.json", f"j{i}.json", lambda d: d.__setitem__("jobs", d["jobs"][:-1]))
PY
	not="not a partial of \`scen run --shard\`"
	fails "scen merge: past.json: $not: \`units\` is [4, 6), but shard 5/5 of 5 units is [4, 5)" \
		u1.json u2.json u3.json u4.json past.json
	fails "^scen merge: neg.json: $not: .*n.* is not a whole number\$" neg.json
	fails "scen merge: big.json: $not: \`sum_value\` is not an exact sum (a decimal string)" \
		big.json
	# A job left out: the partial's digest no longer matches (tests/hostile/merge.sh
	# recomputes digests to reach the invariants behind it).
	fails "scen merge: j1.json: damaged: its content does not match its digest (the file was changed after \`scen run --shard\` wrote it)" \
		j1.json j2.json j3.json j4.json j5.json
else
	echo "merge: python3 not found: the edited partials are skipped"
fi

finish
