#!/bin/sh
# tests/run/flip.sh: `scen flip --level P` on a file with `~` (tests/golden/flip/level.scen:
# its comment derives P(SETTLE) = (100·b_S − 30)/20 on 30% ≤ b_S ≤ 50%, the rest
# BREAKDOWN). At the levels 25%, 50% and 75%:
#   - SETTLE rises through P at b_S = (20·P + 30)/100 and BREAKDOWN falls through it at
#     (20·(1 − P) + 30)/100, each within its printed 95% interval, found in that order
#     of value;
#   - the slope is ±5 a unit of b_S (100/20), within 10%; the SE is sqrt(P(1 − P)/N);
#   - scen run's --seed (the crossing moves within its interval), --draws (the interval
#     narrows as 1/sqrt(N)) and --threads (the same bytes at 1 and 2), their usage
#     errors run's own; Ctrl-C stops with status 130 and a note, printing only the
#     crossings found before it (JSON: "interrupted": true; tables: a note).
# The last line is `run/flip: N passed, M failed`.
NAME=run/flip
. "${srcdir:-.}/tests/lib.sh"
f=$srcdir/tests/golden/flip/level.scen

if $have_python; then
	for p in 25% 50% 75%; do
		$scen flip "$f" gov.belief --level $p --format json > "$tmp/f.json" 2>>"$tmp/err"
		check "level $p: the crossings are not the closed form's, in their intervals" \
			python3 - "$tmp/f.json" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
P = d["level"]
want = {"SETTLE": ((20 * P + 30) / 100, "rises", 5),
        "BREAKDOWN": ((20 * (1 - P) + 30) / 100, "falls", -5)}
got = {c["verdict"]: c for c in d["crossings"]}
assert set(got) == set(want), got
for v, (at, direction, slope) in want.items():
    c = got[v]
    lo, hi = c["interval"]
    assert lo <= at <= hi, (v, at, c)
    assert c["direction"] == direction and abs(c["slope"] - slope) < 0.5, (v, c)
    assert abs(c["se"] - math.sqrt(P * (1 - P) / d["draws"])) < 1e-12, c
ats = [c["at"] for c in d["crossings"]]
assert ats == sorted(ats), ats
PY
	done
fi
$scen flip "$f" gov.belief --level 0 > /dev/null 2>"$tmp/e"
check "--level 0 is not a usage error" [ $? -eq 2 ]

# ---- scen run's options: --seed, --draws, --threads ----
# At level 50% the share's SE is sqrt(0.25/N) and its slope 5 a unit of b_S (above), so
# the 95% interval's half-width is 1.96·sqrt(0.25/N)/5: 0.00196 at N = 10,000 and
# 0.00098 at N = 40,000, a ratio of sqrt(40,000/10,000) = 2 (the slope is measured on the
# draws: allow 15%). Another seed moves the crossing (40% in closed form) only within
# the intervals: each seed's crossing within two half-widths (4 SE) of 40%, and any two
# seeds' intervals overlap.
if $have_python; then
	for a in "--seed 1" "--seed 2" "--seed 3" "--seed 3 --draws 40000"; do
		# shellcheck disable=SC2086 # ARGS are words
		$scen flip "$f" gov.belief $a --format json > "$tmp/o-$(echo $a | tr -d ' -')" 2>>"$tmp/err" ||
			bad "flip $a exited $?"
	done
	check "--seed/--draws: the crossings are not within their intervals of 40%, or --draws does not narrow them by 2" \
		python3 - "$tmp/o-seed1" "$tmp/o-seed2" "$tmp/o-seed3" "$tmp/o-seed3draws40000" <<'PY'
import json, sys
runs = [json.load(open(p)) for p in sys.argv[1:]]
assert [r["seed"] for r in runs] == [1, 2, 3, 3], [r["seed"] for r in runs]
assert [r["draws"] for r in runs] == [10000, 10000, 10000, 40000], [r["draws"] for r in runs]
settle = [next(c for c in r["crossings"] if c["verdict"] == "SETTLE") for r in runs]
half = [(c["interval"][1] - c["interval"][0]) / 2 for c in settle]
ats = [c["at"] for c in settle]
assert len(set(ats[:3])) == 3, ("another seed did not move the crossing", ats)
for c, h in zip(settle, half):
    assert abs(c["at"] - 0.40) <= 2 * h, ("not within 4 SE of 40%", c)
for i in range(3):
    for j in range(i):
        a, b = settle[i]["interval"], settle[j]["interval"]
        assert a[0] <= b[1] and b[0] <= a[1], ("the intervals do not overlap", a, b)
for h in half[:3]:
    assert abs(h / (1.96 * 0.5 / 100 / 5) - 1) < 0.15, ("half-width not 0.00196", h)
ratio = half[2] / half[3]
assert abs(ratio / 2 - 1) < 0.15, ("--draws 40000 does not halve the interval", ratio)
PY
fi
for fmt in text json; do
	$scen flip "$f" gov.belief --seed 5 --draws 20000 --threads 1 --format $fmt > "$tmp/t1" 2>>"$tmp/err"
	$scen flip "$f" gov.belief --seed 5 --draws 20000 --threads 2 --format $fmt > "$tmp/t2" 2>>"$tmp/err"
	check "--seed 5: --threads 1 and 2 differ ($fmt)" cmp -s "$tmp/t1" "$tmp/t2"
	check "--seed 5: no output ($fmt)" [ -s "$tmp/t1" ]
done
$scen flip "$f" gov.belief --seed 5 --draws 20000 > "$tmp/t3" 2>>"$tmp/err"
check "--seed 5 --draws 20000: not said in the text" \
	grep -q '^  draws        20,000 a value, seed 5, the same draws at every value$' "$tmp/t3"
# the same usage errors as scen run's, named flip (tests/errors/flip-seed, -draws, -threads
# hold them exactly)
for a in "--seed x" "--seed -1" "--draws 0" "--draws 1.5" "--threads 0" "--threads many" "--types 0"; do
	# shellcheck disable=SC2086 # ARGS are words
	$scen run "$f" $a > /dev/null 2> "$tmp/run.err"
	rs=$?
	# shellcheck disable=SC2086
	$scen flip "$f" gov.belief $a > /dev/null 2> "$tmp/flip.err"
	fs=$?
	check "$a: flip's status $fs and run's $rs are not both 2" [ $rs -eq 2 ] && [ $fs -eq 2 ]
	sed 's/^scen run: /scen flip: /' "$tmp/run.err" > "$tmp/want.err"
	check "$a: flip's usage error is not run's" cmp -s "$tmp/want.err" "$tmp/flip.err"
done
# a file without `~` takes them too (its runs are exact: one draw each)
$scen flip "$srcdir/tests/golden/flip/nzelibe.scen" reb.belief > "$tmp/n0" 2>>"$tmp/err"
$scen flip "$srcdir/tests/golden/flip/nzelibe.scen" reb.belief --seed 9 --draws 50 --threads 2 > "$tmp/n1" 2>>"$tmp/err"
check "no ~: --seed/--draws/--threads change the exact breakpoints" cmp -s "$tmp/n0" "$tmp/n1"

# ---- a change at a round value is given as that value ----
# A share that jumps at one value, every draw at once: V = 100, b_S = 10%, c_S ~
# uniform(0, 20), b_R = 60%, flipped in c_R over [0, 2·V] (core.md §1, no intervener,
# resolve 1, x_sq = 0): W_R = 60 − c_R, NO THREAT iff W_R ≤ 0 iff c_R ≥ 60 in every draw
# (no tie tolerance in that test, and 0.6·100 is exactly 60 in binary), and below 60 the
# range [60 − c_R, 10 + c_S] is never empty near 60: every draw SETTLEs. So at exactly
# c_R = 60 NO THREAT's share rises from 0 to 100% through 50% and SETTLE's falls: the
# crossing is 60, printed "60" (text) and 60.0 (JSON), not the bracket's middle
# (59.99993896: "59.9999", off in the last printed digit). Below, SETTLE iff
# 60 − c_R ≤ 10 + c_S iff c_S ≥ 50 − c_R: P(SETTLE) = (c_R − 30)/20 on [30, 50], 50% at
# c_R = 40, within its interval.
cat > "$tmp/step.scen" <<'SCEN'
stake land { value = 100 }
actor gov : state { cost ~ uniform(0, 20); belief = 10% }
actor reb : rebels { cost = 10; belief = 60% }
conflict gov vs reb over land { win = 30% }
SCEN
$scen flip "$tmp/step.scen" reb.cost > "$tmp/step.out" 2>>"$tmp/err"
check "a share's jump at c_R = 60: NO THREAT's crossing not printed as 60" \
	grep -Eq '^  NO THREAT  rises above 50.0% +60   ' "$tmp/step.out"
check "a share's jump at c_R = 60: SETTLE's crossing not printed as 60" \
	grep -Eq '^  SETTLE     falls below 50.0% +60   ' "$tmp/step.out"
if $have_python; then
	$scen flip "$tmp/step.scen" reb.cost --format json > "$tmp/step.json" 2>>"$tmp/err"
	check "a share's jump at c_R = 60: the JSON's crossings not exactly 60, or 40 not in its interval" \
		python3 - "$tmp/step.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
got = {(c["verdict"], c["direction"]): c for c in d["crossings"]}
assert got[("NO THREAT", "rises")]["at"] == 60, got
assert got[("SETTLE", "falls")]["at"] == 60, got
for key in [("SETTLE", "rises"), ("BREAKDOWN", "falls")]:
    lo, hi = got[key]["interval"]
    assert lo <= 40 <= hi, (key, got[key])
PY
fi
# Without `~` the same: V = 1,000,000, c_R = 0.3, b_R flipped: NO THREAT iff
# 1,000,000·b_R − 0.3 ≤ 0 iff b_R ≤ 3e-7 = 3e-05%, printed so, not as the bracket's end
# 2.999994904e-7 ("2.99999e-05%"). SETTLE iff 1,000,000·b_R − 0.3 ≤ 300,000 + 0.001
# (b_S = 10%, c_S = 200,000; the tie 1e-9·V): b_R ≤ 0.300000301.
cat > "$tmp/tiny.scen" <<'SCEN'
stake land { value = 1_000_000 }
actor gov : state { cost = 200_000; belief = 10% }
actor reb : rebels { cost = 0.3; belief = 60% }
conflict gov vs reb over land { win = 25% }
SCEN
$scen flip "$tmp/tiny.scen" reb.belief > "$tmp/tiny.out" 2>>"$tmp/err"
check "no ~: the breakpoint at b_R = 3e-7 not printed as 3e-05%" \
	grep -q '^  0% to 3e-05%  ' "$tmp/tiny.out"
if $have_python; then
	$scen flip "$tmp/tiny.scen" reb.belief --format json > "$tmp/tiny.json" 2>>"$tmp/err"
	check "no ~: the JSON's breakpoints not 3e-7 and 0.300000301" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [s["to"] for s in d["sides"]] == [3e-7, 0.300000301, 1.0], d["sides"]' "$tmp/tiny.json"
fi

# ---- Ctrl-C ----
# 2,000,000 draws a value, one thread: each of the grid's 51 runs takes about a second,
# so a Ctrl-C after one stops inside the grid, before any crossing: nothing printed,
# the note on stderr, status 130, at the end of the block in progress (at once)
$scen flip "$f" gov.belief --draws 2000000 --threads 1 > "$tmp/int.out" 2> "$tmp/int.err" &
interrupt $! 1
check "Ctrl-C: status $st, not 130" [ "$st" -eq 130 ]
check "Ctrl-C: $waited tenths of a second to stop, not within 3 s" [ "$waited" -lt 30 ]
check "Ctrl-C in the grid: something on stdout" [ ! -s "$tmp/int.out" ]
check "Ctrl-C in the grid: not 'nothing found' on stderr" grep -qx \
	'scen flip: interrupted: nothing found (the search stopped before its first crossing)' "$tmp/int.err"
# Later, between the two crossings of 25% (SETTLE at 35%, BREAKDOWN at 45%, in cells
# of their own), on a terminal (a pseudo-terminal: stderr only, stdout to a file): the
# progress line shows, counting the whole search (51 grid runs, then 18 a crossing:
# 87 runs, 69 · 1,000,000 draws before the second crossing's, 79%); at 85% or more a
# Ctrl-C stops inside the second crossing: printed, the whole search's lines up to the
# first crossing, then the note of where it stopped (the start of the 2% grid cell that
# holds 45%: 44%), status 130. At 1,000,000 draws a value the search takes a few seconds:
# well past the first second, before which no progress line shows. No progress line when
# stderr is not a terminal (the runs above). The same Ctrl-C with --format json prints
# the first crossing alone, marked "interrupted": true (false when not stopped); with
# --format markdown, the first crossing's row, then the stderr note's words as a note.
check "no terminal: a progress line" sh -c "! grep -q '% of' '$tmp/int.err' '$tmp/err'"
for fmt in text json markdown; do
	$scen flip "$f" gov.belief --level 25% --draws 1000000 --threads 1 --format $fmt \
		> "$tmp/whole.$fmt" 2>>"$tmp/err"
done
if $have_python; then
	cat > "$tmp/ctrl_c_on_pty.py" <<'PY'
import os, pty, re, select, signal, sys, time
scen, f, part, fmt = sys.argv[1:]
pid, fd = pty.fork()
if pid == 0:
    out = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.execv(scen, [scen, "flip", f, "gov.belief", "--level", "25%", "--draws", "1000000",
                    "--threads", "1", "--format", fmt])
seen, sent, t0 = b"", False, time.time()
while time.time() - t0 < 120:
    r, _, _ = select.select([fd], [], [], 0.05)
    if not r:
        continue
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    seen += b
    pcts = [int(x) for x in re.findall(rb"scen: +(\d+)% of 87000000 draws", seen)]
    if not sent and pcts and pcts[-1] >= 85:
        os.kill(pid, signal.SIGINT)
        sent = True
_, st = os.waitpid(pid, 0)
text = seen.decode(errors="replace")
print("status", os.waitstatus_to_exitcode(st))
print("progress", len(re.findall(r"% of 87000000 draws", text)))
print("cleared", "\r\x1b[K" in text)
print(text.split("\x1b[K")[-1].strip())
PY
	for fmt in text json markdown; do
		python3 "$tmp/ctrl_c_on_pty.py" "$scen" "$f" "$tmp/part.$fmt" $fmt > "$tmp/pty.$fmt"
		check "pty ($fmt): not stopped with 130" grep -qx 'status 130' "$tmp/pty.$fmt"
		check "pty ($fmt): no progress line counting the whole search (87 · 1,000,000 draws)" \
			sh -c "! grep -qx 'progress 0' '$tmp/pty.$fmt'"
		check "pty ($fmt): the progress line not erased before the note" \
			grep -qx 'cleared True' "$tmp/pty.$fmt"
		check "pty ($fmt): no note of where it stopped" grep -qx \
			'scen flip: interrupted: the search stopped at gov.belief = 44%: only the crossings below it are shown (each on all the draws)' "$tmp/pty.$fmt"
	done
	check "pty: printed, not the whole search's lines up to its first crossing" \
		sh -c "head -n 5 '$tmp/whole.text' | cmp -s - '$tmp/part.text'"
	# JSON: the whole search's document with its first crossing only (SETTLE rising
	# through 25% at 35%), "interrupted" true; uninterrupted, false (and so without `~`)
	check "pty (json): not the first crossing alone, marked \"interrupted\": true" \
		python3 - "$tmp/whole.json" "$tmp/part.json" <<'PY'
import json, sys
whole, part = (json.load(open(p)) for p in sys.argv[1:])
assert whole["interrupted"] is False, whole["interrupted"]
assert part["interrupted"] is True, part["interrupted"]
assert [c["verdict"] for c in whole["crossings"]] == ["SETTLE", "BREAKDOWN"], whole
assert part["crossings"] == whole["crossings"][:1], part["crossings"]
assert abs(part["crossings"][0]["at"] - 0.35) < 0.01, part["crossings"]
PY
	$scen flip "$srcdir/tests/golden/flip/nzelibe.scen" reb.belief --format json > "$tmp/n.json" 2>>"$tmp/err"
	check "no ~: the JSON not marked \"interrupted\": false" python3 -c \
		'import json, sys; assert json.load(open(sys.argv[1]))["interrupted"] is False' "$tmp/n.json"
	# Markdown (and LaTeX, the same note through table.c): the table of the first
	# crossing, then the note of where the search stopped, the stderr note's words
	check "pty (markdown): no note of the interruption under the table" grep -qx \
		'interrupted: the search stopped at gov.belief = 44%: only the crossings below it are shown' "$tmp/part.markdown"
	grep '^| SETTLE' "$tmp/whole.markdown" > "$tmp/row.whole"
	grep '^| SETTLE' "$tmp/part.markdown" > "$tmp/row.part"
	check "pty (markdown): the table's row not the whole search's first" cmp -s "$tmp/row.whole" "$tmp/row.part"
	check "pty (markdown): a row of the crossing not found" sh -c "! grep -q '^| BREAKDOWN' '$tmp/part.markdown'"
fi

# A stake of V = 1e16, no `~`: scen run of the file is exact (its quantities are below
# 2^53 = 9,007,199,254,740,992: W_R = 0.6·1e16 − 10, x_max = 0.3·1e16 + 10), and so is
# its flip, which searched values where they are not and failed whole before. b_S:
# x_min = 0.6·1e16 − 10, x_max = b_S·1e16 + 10, equal at b_S = 0.6 − 2e-15: the
# breakpoint 60%. x_max passes 2^53 from b_S = 0.90072 on: on the grid (steps of 0.1%)
# 90% runs (9.0e15 + 10), 90.1% does not (9.01e15 + 10), and neither does scen run of
# the file with it, whose error the flip's warning carries: the search ends at 90%.
cat > "$tmp/huge.scen" <<'EOF'
stake land { value = 1e16 }
actor gov : state { cost = 10; belief = 30% }
actor reb : rebels { cost = 10; belief = 60% }
conflict gov vs reb over land { win = 30% }
report settlement gov vs reb
EOF
(cd "$tmp" && $scen run huge.scen > huge.run 2> huge.run.err)
check "V = 1e16: scen run of the file fails" [ $? -eq 0 ]
(cd "$tmp" && NO_COLOR=1 $scen flip huge.scen gov.belief > huge.flip 2> huge.flip.err)
check "V = 1e16: scen flip of the file fails, as scen run does not" [ $? -eq 0 ]
check "V = 1e16: the flip's range not cut at 90%" grep -qx '  range        0% to 90%' "$tmp/huge.flip"
check "V = 1e16: the breakpoint not at 60%" grep -qx '  above 60% to 90%             SETTLE' "$tmp/huge.flip"
check "V = 1e16: not one warning, or an error" sh -c "[ \$(grep -c ': warning: ' '$tmp/huge.flip.err') -eq 1 ] &&
	! grep -q ': error: ' '$tmp/huge.flip.err'"
sed 's/belief = 30%/belief = 90.1%/' "$tmp/huge.scen" > "$tmp/huge901.scen"
(cd "$tmp" && NO_COLOR=1 $scen run huge901.scen > /dev/null 2> huge901.err)
check "V = 1e16, b_S = 90.1%: scen run does not refuse it" [ $? -eq 1 ]
sed -n 's/^huge901.scen:1:14: error: //p' "$tmp/huge901.err" > "$tmp/run.why"
sed -n "s/^huge.scen:1:14: warning: the flip's search of gov.belief stopped at 90%, short of 100%: at 90.1%, //p" \
	"$tmp/huge.flip.err" > "$tmp/flip.why"
check "V = 1e16: the flip's warning not scen run's error at 90.1%, at the stake's value" \
	sh -c "[ -s '$tmp/run.why' ] && cmp -s '$tmp/run.why' '$tmp/flip.why'"

finish
