#!/bin/sh
# tests/run/flip.sh: `scen flip --level P` on a file with `~` (tests/golden/flip/level.scen:
# its comment derives P(SETTLE) = (100·b_S − 30)/20 on 30% ≤ b_S ≤ 50%, the rest
# BREAKDOWN). At the levels 25%, 50% and 75%:
#   - SETTLE rises through P at b_S = (20·P + 30)/100 and BREAKDOWN falls through it at
#     (20·(1 − P) + 30)/100, each within its printed 95% interval, found in that order
#     of value;
#   - the slope is ±5 a unit of b_S (100/20), within 10%; the SE is sqrt(P(1 − P)/N).
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

finish
