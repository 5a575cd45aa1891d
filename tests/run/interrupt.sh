#!/bin/sh
# tests/run/interrupt.sh: Ctrl-C (SIGINT) stops a run at once, even inside a draw that takes tens of
# seconds, and reports the blocks done, saying it was interrupted.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/interrupt: N passed, M failed`.
NAME=run/interrupt
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- Ctrl-C within a slow draw (interrupt.scen: its 1,044th draw screens 4,194,304
# types, tens of seconds): the run stops within a draw's screening, drops the block in
# progress and reports the first, 1,024 draws, as an interrupted run does. It used to
# be seen only between blocks: after the slow draw, and every other in its block. ----
$scen run "$dir/interrupt.scen" --threads 1 --types 4194304 > "$tmp/slow.out" 2> "$tmp/slow.err" &
interrupt $! 2
check "interrupt: a slow draw ran on for 10 s after Ctrl-C" [ $waited -lt 100 ]
# 130 is scen's status for an interrupted run (util/status.h) that printed its results;
# a death by SIGINT would print none, which the next check catches
check "interrupt: exit status $st, not 130 (STATUS_INTERRUPTED)" [ $st -eq 130 ]
check "interrupt: the first block was not reported as interrupted, all NO THREAT" sh -c "
	grep -q '^1,024 draws, seed 64\$' '$tmp/slow.out' &&
	grep -q '^    NO THREAT  *100.0%' '$tmp/slow.out' &&
	grep -q '^interrupted: these results cover only the draws made' '$tmp/slow.out'"

# ---- the CSV of an interrupted run says so, as the text does (above) and JSON's
# "interrupted": true: a `# interrupted` comment line after `# digest`, `# draws` the
# 1,024 draws made (the first block, as above), and every row of those draws; the same
# run not interrupted (--draws 1024) has no such line. scen diff's CSV too (the same
# file on both sides stalls at the same draw 1,044). ----
$scen run "$dir/interrupt.scen" --threads 1 --types 4194304 --format csv > "$tmp/slow.csv" 2>> "$tmp/slow.err" &
interrupt $! 2
check "csv interrupt: exit status $st, not 130" [ $st -eq 130 ]
check "csv interrupt: no '# interrupted' line after '# digest', or # draws not 1024" sh -c "
	sed -n '3p' '$tmp/slow.csv' | grep -qx '# draws 1024' &&
	sed -n '4p' '$tmp/slow.csv' | grep -q '^# digest ' &&
	sed -n '5p' '$tmp/slow.csv' | grep -qx '# interrupted: these results cover only the draws made' &&
	grep -q '^settlement gov vs reb,settlement,,,1024,verdict.no_threat,1,0,,\$' '$tmp/slow.csv'"
$scen run "$dir/interrupt.scen" --draws 1024 --format csv > "$tmp/whole.csv" 2>> "$tmp/slow.err"
check "csv: a whole run is marked interrupted" sh -c "! grep -q '^# interrupted' '$tmp/whole.csv'"
$scen diff "$dir/interrupt.scen" "$dir/interrupt.scen" --threads 1 --types 4194304 --format csv > "$tmp/diff.csv" 2>> "$tmp/slow.err" &
interrupt $! 2
check "diff interrupted: exit status 130 (not 0, same)" test "$st" -eq 130
check "diff csv interrupt: no '# interrupted' line" sh -c "
	sed -n '3p' '$tmp/diff.csv' | grep -qx '# draws 1024' &&
	sed -n '5p' '$tmp/diff.csv' | grep -qx '# interrupted: these results cover only the draws made'"

finish
