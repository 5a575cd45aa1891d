#!/bin/sh
# tests/run/memory.sh: memory does not grow with draws (10^6 against 10^7), a sweep of 2,000 rows stays
# within its sample budget; 8,000 conflicts and a 6 MB expression take memory in
# proportion (skipped under a sanitizer or without /usr/bin/time).
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/memory: N passed, M failed`.
NAME=run/memory
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- memory does not grow with draws ----
if [ -x /usr/bin/time ] && ! grep -q __asan_init "$scen" 2>/dev/null &&
   ! grep -q __ubsan_handle "$scen" 2>/dev/null; then
	bench=$srcdir/bench/courting.scen
	/usr/bin/time -f %M -o "$tmp/m6" $scen run "$bench" --draws 1000000 > /dev/null
	/usr/bin/time -f %M -o "$tmp/m7" $scen run "$bench" --draws 10000000 > /dev/null
	m6=$(tail -n 1 "$tmp/m6") m7=$(tail -n 1 "$tmp/m7")
	echo "run: peak RSS $m6 KiB at 10^6 draws, $m7 KiB at 10^7"
	check "memory: peak RSS grows by $((m7 - m6)) KiB from 10^6 to 10^7 draws (limit 2 MiB)" \
		[ $((m7 - m6)) -lt 2048 ]
	# 2,000 sweep rows of 9,000 draws: 8,192 sampled values of 4 quantities a row would
	# be 524 MB; the rows share SCEN_SWEEP_SAMPLE_VALUES (64 MiB) instead
	cp "$bench" "$tmp/rows.scen"
	printf 'sweep insurgents.belief from 0.0001 to 0.2 step 0.0001 {\n  report settlement regime vs insurgents\n}\n' \
		>> "$tmp/rows.scen"
	/usr/bin/time -f %M -o "$tmp/mr" $scen run "$tmp/rows.scen" --draws 9000 --format csv \
		> "$tmp/rows.csv"
	mr=$(tail -n 1 "$tmp/mr")
	rows=$(grep ',verdict.settle,' "$tmp/rows.csv" | grep -c ',insurgents.belief,')
	echo "run: peak RSS $mr KiB for $rows sweep rows of 9,000 draws"
	check "memory: $rows sweep rows of 9,000 draws peak at $mr KiB (limit 192 MiB; 745 MiB before the budget)" \
		test "$rows" -eq 2000 -a "$mr" -lt 196608
	# 8,000 conflicts, each with a private value, a sanction and a patron, half of them
	# of one state: interp_new took, per conflict, a pass over every symbol and
	# sanction and an array of every value (1.2 GB here; 16,000 took 45 s);
	# now 37 MB
	awk 'BEGIN { print "import \"tripwire\""; print "stake land { value = 100 }"
		print "actor ext : intervener { chance = 20% }"; print "actor big : state"
		for (i = 0; i < 4000; i++) {
			printf "actor s%d : state\nactor r%d : rebels { cost ~ uniform(0, 10) private }\n", i, i
			printf "conflict s%d vs r%d over land { win = 30%% }\n", i, i
			printf "conflict big vs r%d over land { win = 30%% }\n", i
			printf "sanction x%d { on = r%d; when = war; cost = 1 }\n", i, i
			printf "actor p%d : patron { client = s%d; troops = 100 }\n", i, i }
		print "report settlement big vs r3999" }' > "$tmp/conflicts.scen"
	/usr/bin/time -f %M -o "$tmp/mc" timeout 60 $scen run "$tmp/conflicts.scen" --draws 1 \
		--types 2 > "$tmp/out" 2>&1
	st=$? mc=$(tail -n 1 "$tmp/mc")
	echo "run: peak RSS $mc KiB for 8,000 conflicts"
	check "memory: 8,000 conflicts: exit $st, peak $mc KiB (limit 128 MiB; 1.2 GiB before)" \
		test "$st" -eq 0 -a "$mc" -lt 131072
	# a 6 MB line of 1-1-1-…: every node was built before it was found too deep
	awk 'BEGIN { printf "let x = "; for (i = 0; i < 3000000; i++) printf "1-"; print "1" }' \
		> "$tmp/deep.scen"
	/usr/bin/time -f %M -o "$tmp/md" $scen check "$tmp/deep.scen" > /dev/null 2> "$tmp/err"
	st=$? md=$(tail -n 1 "$tmp/md")
	echo "run: peak RSS $md KiB to check a 6 MB expression"
	check "memory: a 6 MB expression: exit $st, peak $md KiB (limit 96 MiB; 637 MiB before)" \
		test "$st" -eq 1 -a "$md" -lt 98304
else
	echo "run: memory check skipped (no /usr/bin/time, or a sanitizer build)"
fi

finish
