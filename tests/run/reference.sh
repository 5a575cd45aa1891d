#!/bin/sh
# tests/run/reference.sh: the fast evaluator against the reference (issue 15). With
# SCEN_REFERENCE set, `scen run` compiles every value and evaluates it per draw (nothing
# folded, docs/performance.md); without it, what no draw and no sweep row can change is
# folded once. Both must print the same report, byte for byte, for every .scen of the
# examples, the benchmarks and the tests (errors included), in text on 1 thread and in
# JSON (every number, full precision) on 2, at 2,048 draws (two blocks); and each
# example at its own draws in JSON. Then draw by draw: with SCEN_CHECK_BLOCKS set, each
# block the block evaluator (interp/column.c, lanes.c) computes is computed again by the
# reference, every value of the model and every report's quantities and counts compared
# bit for bit, and a difference aborts (tests/run/lanes.scen draws every field the lane
# kernel writes). The last line is `run/reference: N passed, M failed`.
NAME=run/reference
. "${srcdir:-.}/tests/lib.sh"

same() { # same FILE ARGS...: the two evaluators agree on `scen run FILE ARGS...`
	f=$1; shift
	"$scen" run "$f" "$@" > "$tmp/fast" 2>&1; echo "status $?" >> "$tmp/fast"
	SCEN_REFERENCE=1 "$scen" run "$f" "$@" > "$tmp/ref" 2>&1
	echo "status $?" >> "$tmp/ref"
	cmp -s "$tmp/fast" "$tmp/ref"
}

for f in $(find "$srcdir/examples" "$srcdir/bench" "$srcdir/tests" -name '*.scen' | sort); do
	check "$f: text, 1 thread" same "$f" --draws 2048 --threads 1
	check "$f: json, 2 threads" same "$f" --draws 2048 --threads 2 --format json
done
for f in "$srcdir"/examples/*.scen; do
	check "$f: json, its own draws" same "$f" --format json
done
checked() { # checked FILE ARGS...: no block differs from the reference, draw by draw
	SCEN_CHECK_BLOCKS=1 "$scen" run "$@" > "$tmp/out" 2> "$tmp/err"
	[ $? -ne 134 ] && ! grep -q "internal error" "$tmp/err"
}
for f in $(find "$srcdir/examples" "$srcdir/bench" "$srcdir/tests" -name '*.scen' | sort); do
	check "$f: draw by draw" checked "$f" --draws 2048 --threads 2
done
# one type: screening makes breakdowns of settlements, whose causes are the absent factors
check "screened settlements: draw by draw, one type" checked \
	"$srcdir/tests/run/screened-settle.scen" --draws 2048 --threads 2 --types 1
# one type: a screening no offer can pass, by lanes (NO THREAT, §1's breakdowns and
# settlements in the same blocks, the state's cost drawn)
check "hopeless screening: draw by draw, one type" checked \
	"$srcdir/tests/run/hopeless.scen" --draws 2048 --threads 2 --types 1
check "hopeless screening: text, one type" same "$srcdir/tests/run/hopeless.scen" \
	--draws 2048 --threads 1 --types 1
# mediations by blocks whose draws are not a multiple of the vectors' four
check "mediations by blocks: draw by draw, 2,047 draws" checked \
	"$srcdir/tests/run/mediation-block.scen" --draws 2047 --threads 2
check "mediations by blocks: json, 2,047 draws" same "$srcdir/tests/run/mediation-block.scen" \
	--draws 2047 --threads 1 --format json
finish
