#!/bin/sh
# bench/run.sh: how fast `scen run` evaluates bench/courting.scen, against the same model
# written by hand in C (bench/hand.c, 1,000,000 draws) and in plain Python
# (bench/courting.py, 100,000 draws). Every time is the median wall time of 3 runs.
# Targets: scen on 1 thread at most 1.5 times the hand C time; at least 50 times the
# Python speed; 1 -> 2 threads at least 1.8 times faster (shown at 1,000,000 and at
# 10,000,000 draws); peak RSS of 10,000,000 draws under 32 MiB. Both baselines first
# run their --selftest (hand-computed values of design/core.md section 1), and their
# verdict shares must agree within Monte Carlo error.
#
# The speed yardsticks of issue 15 (2,000,000 draws each): bench/fast.c, the loop a C
# programmer would write for this one file, and bench/courting_np.py, the vectorised
# NumPy script an analyst would write (its time includes start-up), and the same in R
# (bench/courting.R, Rscript of r-base-core; start-up included); every line then
# says ns/draw, and the ratios compare scen --threads 1 with each. Screening:
# bench/screening.scen (a public cost drawn per draw, a private one, K = 4,096) against
# its hand C, bench/screen_fast.c, at 20,000 draws (target: at most 1.5 times).
#
# Environment: SCEN (default ./scen), CC (default cc), PYTHON (default python3), NUMPY_PYTHON
# (a python3 with numpy; default: PYTHON if it has it, else /usr/bin/python3), srcdir.
set -e
scen=${SCEN:-./scen}
cc=${CC:-cc}
python=${PYTHON:-python3}
srcdir=${srcdir:-.}
file=$srcdir/bench/courting.scen
out=bench/out
mkdir -p "$out"

# median_s OUTFILE CMD...: run CMD 3 times (stdout of the last run to OUTFILE); print the
# median wall time in seconds. The clock is bash's EPOCHREALTIME where the shell has it
# (bash 5; `make bench` runs this with bash): $(date) is a process of its own, and its
# start-up, about 1.5 ms here, would count in every time (4% of scen's 2,000,000 draws).
median_s() {
	o=$1; shift
	for i in 1 2 3; do
		if [ -n "${EPOCHREALTIME:-}" ]; then
			t0=$EPOCHREALTIME; "$@" > "$o"; t1=$EPOCHREALTIME
			echo "$t0 $t1" | tr , . | awk '{ printf "%.0f\n", ($2 - $1) * 1e9 }'
		else
			t0=$(date +%s%N); "$@" > "$o"; t1=$(date +%s%N)
			echo $((t1 - t0))
		fi
	done | sort -n | sed -n 2p | awk '{ printf "%.4f", $1 / 1e9 }'
}
# line LABEL DRAWS SECONDS: one aligned result line.
line() {
	awk -v l="$1" -v n="$2" -v s="$3" \
		'BEGIN { printf "%-16s %9d draws: median %8.3f s, %12.0f draws/s, %8.1f ns/draw\n",
			    l, n, s, n / s, s * 1e9 / n }'
}
# share NAME FILE: "P SE" (percent) of a verdict in a baseline's output, whose lines read
# "  NAME   P% ± SE%".
share() { awk -v v="$1" 'index($0, "  " v " ") == 1 { print $(NF - 2) + 0, $NF + 0 }' "$2"; }

# ---- the baselines ----
"$cc" -std=c11 -O2 -o "$out/hand" "$srcdir/bench/hand.c" -lm
"$out/hand" --selftest
hand_s=$(median_s "$out/hand.txt" "$out/hand" 1000000)
line "hand C" 1000000 "$hand_s"

py_s=
if command -v "$python" >/dev/null 2>&1; then
	"$python" "$srcdir/bench/courting.py" --selftest
	py_s=$(median_s "$out/python.txt" "$python" "$srcdir/bench/courting.py" 100000)
	line "python" 100000 "$py_s"
	# The two baselines use different random numbers: their verdict shares must agree
	# within 4 standard errors of the difference.
	for v in "NO THREAT" SETTLE BREAKDOWN; do
		printf '%s|%s|%s\n' "$v" "$(share "$v" "$out/hand.txt")" "$(share "$v" "$out/python.txt")"
	done | awk -F'|' '{ split($2, h, " "); split($3, p, " ")
		d = h[1] - p[1]; bad += (d < 0 ? -d : d) > 4 * sqrt(h[2] ^ 2 + p[2] ^ 2)
		msg = msg sprintf("%s%s %.2f%%/%.2f%%", NR > 1 ? ", " : "", $1, h[1], p[1]) }
		END { printf "hand C/python: %s: %s\n", msg,
			     bad ? "DISAGREE" : "agree within 4 s.e."; exit bad != 0 }'
else
	echo "python: $python not found, skipped"
fi

# ---- the speed yardsticks (issue 15) ----
"$cc" -std=c11 -O2 -o "$out/fast" "$srcdir/bench/fast.c" -lm
fast_s=$(median_s "$out/fast.txt" "$out/fast" 2000000)
line "fast C" 2000000 "$fast_s"
np_s=
np_py=${NUMPY_PYTHON:-}
if [ -z "$np_py" ]; then
	if "$python" -c 'import numpy' 2>/dev/null; then np_py=$python; else np_py=/usr/bin/python3; fi
fi
if "$np_py" -c 'import numpy' 2>/dev/null; then
	np_s=$(median_s "$out/numpy.txt" "$np_py" "$srcdir/bench/courting_np.py" 2000000)
	line "numpy" 2000000 "$np_s"
else
	echo "numpy: no python3 with numpy (Debian python3-numpy), skipped"
fi

r_s=
if command -v Rscript >/dev/null 2>&1; then
	r_s=$(median_s "$out/r.txt" Rscript "$srcdir/bench/courting.R" 2000000)
	line "R" 2000000 "$r_s"
else
	echo "R: no Rscript (Debian r-base-core; ./bootstrap --bench), skipped"
fi

# ---- scen run ----
set +e
"$scen" run "$file" --threads 1 --draws 1000 > /dev/null 2> "$out/probe.err"
rc=$?
set -e
if [ $rc -eq 2 ] || grep -q "unknown command" "$out/probe.err"; then
	echo "scen run: not available yet"
	exit 0
elif [ $rc -ne 0 ]; then
	echo "scen run: failed (exit status $rc):"; cat "$out/probe.err"
	exit 1
fi
t1_s=$(median_s "$out/scen-1.txt" "$scen" run "$file" --threads 1)
line "scen run -t 1" 1000000 "$t1_s"
t2_s=$(median_s "$out/scen-2.txt" "$scen" run "$file" --threads 2)
line "scen run -t 2" 1000000 "$t2_s"
s2_s=$(median_s "$out/scen-1-2m.txt" "$scen" run "$file" --threads 1 --draws 2000000)
line "scen -t 1 (2M)" 2000000 "$s2_s"
# Threads at 10,000,000 draws too: at the file's 1,000,000 a run lasts about 20 ms, of
# which start-up (exec, loading, parsing: about 1.5 ms) is serial whatever the threads.
x1_s=$(median_s "$out/scen-1-10m.txt" "$scen" run "$file" --threads 1 --draws 10000000)
line "scen -t 1 (10M)" 10000000 "$x1_s"
x2_s=$(median_s "$out/scen-2-10m.txt" "$scen" run "$file" --threads 2 --draws 10000000)
line "scen -t 2 (10M)" 10000000 "$x2_s"
awk -v f="$fast_s" -v np="$np_s" -v r="$r_s" -v a="$s2_s" 'BEGIN {
	printf "ratios at 2,000,000 draws: scen-1/fast C time %.1f (target <= 2.0)", a / f
	if (np != "") printf "; numpy/scen-1 time %.2f (target >= 5)", np / a
	if (r != "") printf "; R/scen-1 time %.2f", r / a
	printf "\n" }'
awk -v h="$hand_s" -v p="$py_s" -v a="$t1_s" -v b="$t2_s" 'BEGIN {
	printf "ratios: scen-1/hand time %.2f (target <= 1.5)", a / h
	if (p != "") printf "; scen/python speed-up %.0fx (target >= 50x)", (p / 100000) / (a / 1000000)
	printf "; 1->2 threads %.2fx", a / b }'
awk -v a="$x1_s" -v b="$x2_s" 'BEGIN { printf " (10,000,000 draws: %.2fx; target >= 1.8)\n", a / b }'

# ---- screening (issue 15): bench/screening.scen against bench/screen_fast.c ----
"$cc" -std=c11 -O2 -o "$out/screen_fast" "$srcdir/bench/screen_fast.c" -lm
sf_s=$(median_s "$out/screen_fast.txt" "$out/screen_fast" 20000)
line "screen fast C" 20000 "$sf_s"
ss_s=$(median_s "$out/scen-screen.txt" "$scen" run "$srcdir/bench/screening.scen" --threads 1 --draws 20000)
line "scen screening" 20000 "$ss_s"
awk -v f="$sf_s" -v a="$ss_s" 'BEGIN {
	printf "screening: scen-1/screen fast C time %.2f (target <= 1.5)\n", a / f }'

if [ -x /usr/bin/time ]; then
	for i in 1 2 3; do
		/usr/bin/time -f %M "$scen" run "$file" --draws 10000000 2>&1 >/dev/null | tail -n 1
	done | sort -n | sed -n 2p |
		awk '{ printf "scen run --draws 10000000: peak RSS %d KiB = %.1f MiB (target < 32 MiB)\n", $1, $1 / 1024 }'
else
	echo "peak RSS: /usr/bin/time not found, skipped"
fi
