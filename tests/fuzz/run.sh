#!/bin/sh
# tests/fuzz/run.sh [SECONDS]: fuzz parse+check+fmt with libFuzzer for SECONDS (60 by
# default), starting from a corpus made of the examples and every test input; then the
# reader of partials for half as long, from partials of the examples (made with
# $build/scen).
# For a long run: tests/fuzz/fuzz_scen -max_total_time=14400 -jobs=2 -workers=2 \
#     -dict=$srcdir/tests/fuzz/scen.dict tests/fuzz/corpus
set -e
seconds=${1:-60}
srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${build:-.}
fuzzer=$build/tests/fuzz/fuzz_scen
corpus=$build/tests/fuzz/corpus
mkdir -p "$corpus"
for f in "$srcdir"/examples/*.scen "$srcdir"/tests/golden/*/*.scen "$srcdir"/tests/golden/*/*.fmt \
	"$srcdir"/tests/errors/*.scen "$srcdir"/tests/run/*.scen "$srcdir"/stdlib/*.scen; do
	[ -e "$f" ] && cp "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
done
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	-dict="$srcdir/tests/fuzz/scen.dict" -print_final_stats=1 "$corpus" 2>&1 | tail -n 15

pcorpus=$build/tests/fuzz/corpus-partial
mkdir -p "$pcorpus"
for f in "$srcdir"/examples/*.scen; do
	"$build/scen" run "$f" --draws 1100 --shard 2/3 -o "$pcorpus/$(basename "$f" .scen).json"
done
"$build/tests/fuzz/fuzz_partial" -max_total_time="$((seconds / 2))" -timeout=10 \
	-rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 "$pcorpus" 2>&1 | tail -n 15
