#!/bin/sh
# tests/run/determinism.sh: determinism: byte-identical reports at any thread count and in two runs; one
# thread limit; common random numbers: an unrelated new `~` attribute (another actor's
# cost, in no report) leaves the report byte-identical, wherever it is declared.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/determinism: N passed, M failed`.
NAME=run/determinism
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- determinism ----
det=$dir/determinism.scen
for fmt in text json csv; do
	$scen run "$det" --threads 1 --format $fmt > "$tmp/t1.$fmt" 2>"$tmp/err" ||
		bad "determinism: --threads 1 --format $fmt exited $?"
	for t in 2 3; do
		$scen run "$det" --threads $t --format $fmt > "$tmp/t$t.$fmt" 2>>"$tmp/err"
		check "determinism: --threads $t differs from --threads 1 ($fmt)" \
			cmp -s "$tmp/t1.$fmt" "$tmp/t$t.$fmt"
	done
	$scen run "$det" --threads 3 --format $fmt > "$tmp/again.$fmt" 2>>"$tmp/err"
	check "determinism: two runs differ ($fmt)" cmp -s "$tmp/t3.$fmt" "$tmp/again.$fmt"
done
# more blocks than threads, blocks that do not divide the draws, a larger thread count
$scen run "$det" --draws 50001 --threads 1 > "$tmp/a" 2>>"$tmp/err"
$scen run "$det" --draws 50001 --threads 7 > "$tmp/b" 2>>"$tmp/err"
check "determinism: --draws 50001 at 1 and 7 threads differ" cmp -s "$tmp/a" "$tmp/b"
check "determinism: 50,001 draws not all reported" grep -q '^50,001 draws, seed 42$' "$tmp/a"
# one thread limit (util/scen_conf.h SCEN_MAX_THREADS = 256) for the setting, --threads
# and :set threads: 256 is taken everywhere, 257 nowhere
$scen run "$det" --threads 256 > "$tmp/t256" 2>>"$tmp/err"
check "threads: --threads 256 differs from --threads 1" cmp -s "$tmp/t1.text" "$tmp/t256"
$scen run "$det" --threads 257 > /dev/null 2>"$tmp/t257"; st=$?
check "threads: --threads 257 exited $st, not 2 (a usage error)" [ $st -eq 2 ]
check "threads: --threads 257 not refused as beyond 1 to 256" \
	grep -q -- '--threads needs 1 to 256' "$tmp/t257"
printf 'scenario "t" { threads = 256 }\n' > "$tmp/t256.scen"
check "threads: the setting threads = 256 refused" $scen check "$tmp/t256.scen"

# ---- an unrelated new uncertain attribute ----
(cat "$det"; echo 'actor bystander : state { cost ~ uniform(1, 2) }') > "$tmp/after.scen"
{ echo 'actor bystander : state { cost ~ lognormal(1, 0.5) }'; cat "$det"; } > "$tmp/before.scen"
(cat "$det"; echo 'actor other : rebels { cost ~ uniform(1, 2) }'
 echo 'conflict gov vs other over land { win = 10% }') > "$tmp/conflict.scen"
for v in after before conflict; do
	$scen run "$tmp/$v.scen" --threads 2 > "$tmp/$v.out" 2>>"$tmp/err"
	check "an unrelated \`~\` attribute ($v) moved the report" cmp -s "$tmp/t1.text" "$tmp/$v.out"
done

finish
