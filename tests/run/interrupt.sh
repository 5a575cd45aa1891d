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

finish
