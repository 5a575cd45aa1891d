#!/bin/sh
# bench/shard.sh: what cutting a run into shards costs. examples/kosovo.scen (two reports
# and an 11-row sweep: 12 report groups) at DRAWS draws (default 500,000) on one
# thread: the whole run; the same run as N = 8 shards run one after another (their
# total time, against the whole run's: the overhead of sharding); the size of the
# partials; the time of `scen merge` (reading them, adding up, printing); and a check
# that the merged report is the run's, byte for byte.
#
# Environment: SCEN (default ./scen), srcdir, DRAWS, N.
set -e
scen=${SCEN:-./scen}
srcdir=${srcdir:-.}
draws=${DRAWS:-500000}
n=${N:-8}
file=$srcdir/examples/kosovo.scen
out=bench/out/shard
rm -rf "$out"
mkdir -p "$out"
ms() { echo $(( ($2 - $1) / 1000000 )); }

t0=$(date +%s%N)
"$scen" run "$file" --draws "$draws" --threads 1 > "$out/whole.txt"
t1=$(date +%s%N)
i=1
while [ $i -le "$n" ]; do
	"$scen" run "$file" --draws "$draws" --threads 1 --shard $i/"$n" -o "$out/part.$i.json"
	i=$((i + 1))
done
t2=$(date +%s%N)
"$scen" merge "$out"/part.*.json > "$out/merged.txt"
t3=$(date +%s%N)
cmp -s "$out/whole.txt" "$out/merged.txt" || { echo "shard: merged report differs"; exit 1; }
bytes=$(cat "$out"/part.*.json | wc -c)
whole=$(ms "$t0" "$t1") shards=$(ms "$t1" "$t2") merge=$(ms "$t2" "$t3")
awk -v d="$draws" -v n="$n" -v w="$whole" -v s="$shards" -v m="$merge" -v b="$bytes" 'BEGIN {
	printf "shard: kosovo, %d draws x 12 groups: whole run %d ms (%.0f group-draws/s)\n",
		d, w, 12 * d / (w / 1000)
	printf "shard: %d shards one after another %d ms (%.2fx the whole run); partials %.1f MiB; merge %d ms\n",
		n, s, s / w, b / 1048576, m
	print "shard: merged report = whole run, byte for byte"
}'
