#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: fuzz parse+check+fmt+run with libFuzzer for SECONDS (60 by
# default), then the reader of partials and REPL sessions (fuzz_repl.c) for half as long each. Exits 1, printing the input
# and the report, when a fuzzer finds a crash, a sanitizer report, a leak, an abort, a
# hang (an input that runs over 10 s) or an input that needs over 2 GB; 0 otherwise.
#
# fuzz_scen starts from every test input: each .scen and .fmt of the examples, the
# standard library, the benchmarks and every folder of tests/, and each ```scen block
# of README.md and docs/*.md; fuzz_partial from the partials of `scen run --shard` of
# every example and every run test (made with $build/scen). Both corpora grow as the
# fuzzers find new paths and are kept between runs.
# For a long run: tests/fuzz/fuzz_scen -max_total_time=14400 -jobs=2 -workers=2 \
#     -dict=$srcdir/tests/fuzz/scen.dict tests/fuzz/corpus
set -u
seconds=${1:-60}
srcdir=$(cd "${srcdir:-$(dirname "$0")/../..}" && pwd)
build=$(cd "${build:-.}" && pwd)
out=$build/tests/fuzz
corpus=$out/corpus
pcorpus=$out/corpus-partial
rcorpus=$out/corpus-repl
artifacts=$out/artifacts
mkdir -p "$corpus" "$pcorpus" "$rcorpus" "$artifacts"
rm -f "$artifacts"/*
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0

# seed_scen: the test inputs, each under a name made from its path (two folders may
# hold files of the same name); the fuzzers' own folder is left out.
seed_scen() {
	find "$srcdir/examples" "$srcdir/stdlib" "$srcdir/bench" "$srcdir/tests" \
		-path "*/tests/fuzz" -prune -o -type f \( -name '*.scen' -o -name '*.fmt' \) \
		-print | while IFS= read -r f; do
		rel=${f#"$srcdir"/}
		cp "$f" "$corpus/$(printf '%s' "$rel" | tr '/' '_')"
	done
	for doc in "$srcdir"/README.md "$srcdir"/docs/*.md; do
		awk -v prefix="$corpus/$(basename "$doc" .md)-block" '
			/^```scen/ { n++; f = prefix n ".scen"; inside = 1; next }
			/^```/ && inside { close(f); inside = 0; next }
			inside { print > f }' "$doc"
	done
}

# seed_partials: a shard's partial of every example and run test (some fail: skipped)
seed_partials() {
	for f in "$srcdir"/examples/*.scen "$srcdir"/tests/golden/run/*.scen \
		"$srcdir"/tests/run/*.scen; do
		rel=${f#"$srcdir"/}
		(cd "$(dirname "$f")" && "$build/scen" run "$(basename "$f")" --draws 1100 \
			--shard 2/3 --types 64 -o "$pcorpus/$(printf '%s' "$rel" | tr '/' '_').json") \
			> /dev/null 2>&1 || true
	done
}

# seed_repl: the REPL's transcripts (tests/golden/repl/*.in) and the examples, typed in
seed_repl() {
	for f in "$srcdir"/tests/golden/repl/*.in "$srcdir"/examples/*.scen; do
		cp "$f" "$rcorpus/$(basename "$f")"
	done
}
# fuzz NAME SECONDS CORPUS OPTIONS...: runs tests/fuzz/NAME; on a finding, says what
# and shows the input and the sanitizer's report
fuzz() {
	name=$1 secs=$2 dir=$3
	shift 3
	log=$out/$name.log
	"$out/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$artifacts/$name-" -print_final_stats=1 "$@" "$dir" \
		> "$log" 2>&1
	st=$?
	tail -n 15 "$log"
	if [ $st -ne 0 ]; then
		status=1
		echo "FUZZ FAIL: $name exited $st: a crash, a sanitizer report, a leak, an abort,"
		echo "a hang (over 10 s) or over 2 GB; the report:"
		grep -m 1 -A 40 'ERROR: \|runtime error' "$log" | head -n 60
		for a in "$artifacts/$name-"*; do
			[ -e "$a" ] || continue
			echo "the input, $a (reproduce: $out/$name $a):"
			od -A d -c "$a" | head -n 40
		done
	fi
}

seed_scen
fuzz fuzz_scen "$seconds" "$corpus" -max_len=65536 -dict="$srcdir/tests/fuzz/scen.dict"
seed_partials
fuzz fuzz_partial "$((seconds / 2))" "$pcorpus" -max_len=262144
seed_repl
fuzz fuzz_repl "$((seconds / 2))" "$rcorpus" -max_len=16384 -dict="$srcdir/tests/fuzz/scen.dict"
exit $status
