#!/bin/sh
# bench/repl.sh: how long `scen repl` takes to re-report after an edit. Through the REPL
# without a terminal, on bench/courting.scen with `:set draws 200000` and
# `:set threads 2`: the time of K edits each followed by `:report` (an edit re-checks the
# whole text, the report compiles the new model and runs 200,000 draws), less the time of
# the same session without them, divided by K. Median of 5. Target (issue 15): < 20 ms.
#
# Environment: SCEN (default ./scen), srcdir, K (default 40).
set -e
scen=${SCEN:-./scen}
srcdir=${srcdir:-.}
k=${K:-40}
file=$srcdir/bench/courting.scen
out=bench/out
mkdir -p "$out"

head() { printf ':set draws 200000\n:set threads 2\n:report\n'; }
{ head; } > "$out/repl-base.in"
{
	head
	i=0
	while [ $i -lt "$k" ]; do
		[ $((i % 2)) -eq 0 ] && b=45% || b=50%
		printf 'insurgents.belief = %s\n:report\n' "$b"
		i=$((i + 1))
	done
} > "$out/repl-edits.in"

# median_ns INPUT: the median wall time of 5 sessions fed INPUT, in nanoseconds.
median_ns() {
	for i in 1 2 3 4 5; do
		t0=$(date +%s%N)
		"$scen" repl "$file" < "$1" > "$out/repl.out"
		t1=$(date +%s%N)
		echo $((t1 - t0))
	done | sort -n | sed -n 3p
}
base=$(median_ns "$out/repl-base.in")
edits=$(median_ns "$out/repl-edits.in")
grep -c '^settlement' "$out/repl.out" | awk -v k="$k" '$1 != k + 1 {
	print "repl: expected " k + 1 " reports, got " $1; exit 1 }'
awk -v b="$base" -v e="$edits" -v k="$k" 'BEGIN {
	ms = (e - b) / k / 1e6
	printf "scen repl: edit + :report of 200,000 draws on 2 threads: %.1f ms (target < 20 ms)\n", ms }'
