#!/bin/sh
# bench/check.sh: how fast `scen check` reads a large file, and that its memory grows
# in proportion to the file. Prints the median wall time of 15 runs and the peak RSS
# for 10,000- and 100,000-line scenarios. Target: 10,000 lines in < 50 ms.
set -e
scen=${SCEN:-./scen}
srcdir=${srcdir:-.}
out=bench/out
mkdir -p "$out"
median_ms() {	# median wall time of 15 runs of `scen check FILE`, in ms
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
		t0=$(date +%s%N); "$scen" check "$1" >/dev/null; t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 ))
	done | sort -n | sed -n 8p | awk '{ printf "%.1f", $1 / 1000 }'
}
rss_kib() { /usr/bin/time -f %M "$scen" check "$1" 2>&1 >/dev/null | tail -n 1; }
for n in 10000 100000; do
	f=$out/check-$n.scen
	sh "$srcdir/bench/gen-check.sh" $n > "$f"
	printf 'check %6d lines (%s bytes): median %s ms, peak RSS %s KiB\n' \
		"$(wc -l < "$f")" "$(wc -c < "$f")" "$(median_ms "$f")" "$(rss_kib "$f")"
done
