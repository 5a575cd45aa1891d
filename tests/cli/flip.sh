#!/bin/sh
# tests/cli/flip.sh: `scen flip --set NAME.ATTR=VALUE` (repeatable) and `--format csv`.
#
# nzelibe.scen (tests/golden/flip/, its comment: V = 1,000,000, b_S = 10%, core.md §1)
# flipped in the rebels' belief b_R with --set gov.cost=300_000 --set reb.cost=250_000:
#   W_R = 1,000,000·b_R − 250,000: NO THREAT iff W_R ≤ 0 iff b_R ≤ 25%
#   x_min = 1,000,000·b_R − 250,000, x_max = r_S·b_S·V + c_S = 100,000 + 300,000 = 400,000
#   SETTLE iff x_min ≤ x_max + 0.001 (the tie tolerance 1e-9·V) iff
#     b_R ≤ (650,000 + 0.001)/1,000,000 = 0.650000001 (10 significant digits)
#   BREAKDOWN above. Without the overrides: 0.2 and 0.500000001 (the file's comment).
# So the CSV has two rows, 0.25 NO THREAT -> SETTLE and 0.650000001 SETTLE -> BREAKDOWN,
# the JSON the same breakpoints and "set" the two overrides in order, the CSV's `# set`
# lines too; the main file's hash in both is sha256sum's of the file on disk.
#
# level.scen (its comment: P(SETTLE) = (100·b_S − 30)/20) with --set gov.cost=20:
#   x_max = 100·b_S + 20, a draw settles iff c_R ≥ 40 − 100·b_S, so
#   P(SETTLE) = (100·b_S − 20)/20 on 20% ≤ b_S ≤ 40%: 50% at b_S = 30% (not 40%),
#   the slope 100/20 = 5; the crossing's 95% interval (±0.196 points) holds 30%.
# The crossings CSV loads in python3's csv module (comment lines dropped, as docs/json.md
# says), one column count on every row, its numbers the JSON's; the CSV's digest is the
# JSON's (that of the text). The last line is `cli/flip: N passed, M failed`.
NAME=cli/flip
. "${srcdir:-.}/tests/lib.sh"
g=$srcdir/tests/golden/flip
cp "$g/nzelibe.scen" "$g/level.scen" "$srcdir/tests/errors/flip-swept.scen" "$tmp/"
cd "$tmp" || exit 99
set_both="--set gov.cost=300_000 --set reb.cost=250_000"

# shellcheck disable=SC2086
"$scen" flip nzelibe.scen reb.belief $set_both --format csv > n.csv 2> err
check "flip --set --format csv exits 0 ($(cat err))" [ $? -eq 0 ]
# shellcheck disable=SC2086
"$scen" flip nzelibe.scen reb.belief $set_both --format json > n.json 2>> err
"$scen" flip nzelibe.scen reb.belief --format csv > plain.csv 2>> err
# shellcheck disable=SC2086
"$scen" flip nzelibe.scen reb.belief $set_both > n.txt 2>> err
check "the CSV's # set lines are the overrides, in order" \
	[ "$(sed -n 's/^# set //p' n.csv | tr '\n' ' ')" = "gov.cost=300_000 reb.cost=250_000 " ]
check "the CSV's table is the hand-derived breakpoints" [ "$(grep -v '^#' n.csv)" = \
"attribute,report,at,below,above
reb.belief,settlement gov vs reb,0.25,NO THREAT,SETTLE
reb.belief,settlement gov vs reb,0.650000001,SETTLE,BREAKDOWN" ]
check "without --set, the file's breakpoints (0.2, 0.500000001)" \
	[ "$(grep -v '^#' plain.csv | cut -d, -f3 | tr '\n' ' ')" = "at 0.2 0.500000001 " ]
check "the text shows the sides 25% and 65%" grep -q '^  above 25% to 65%  *SETTLE$' n.txt
check "the CSV's digest is sha256sum's of the text" \
	[ "$(sed -n 's/^# digest //p' n.csv)" = "$(sha256sum < n.txt | cut -d' ' -f1)" ]
check "the CSV's main file hash is the file's on disk" \
	grep -q "^# file $(sha256sum < nzelibe.scen | cut -d' ' -f1)  nzelibe.scen$" n.csv

"$scen" flip level.scen gov.belief --set gov.cost=20 --format csv > l.csv 2>> err
"$scen" flip level.scen gov.belief --set gov.cost=20 --format json > l.json 2>> err
"$scen" flip level.scen gov.belief --set gov.cost=20 > l.txt 2>> err
check "with ~: the CSV's digest is sha256sum's of the text" \
	[ "$(sed -n 's/^# digest //p' l.csv)" = "$(sha256sum < l.txt | cut -d' ' -f1)" ]

if ! $have_python; then
	echo "SKIP: $NAME: the CSV read by python3's csv module (no python3)"
	finish
	exit
fi
check "the breakpoints' JSON: the same breakpoints, set and hash" python3 - n.json n.csv <<'PY'
import csv, hashlib, json, sys
d = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(l for l in open(sys.argv[2]) if l[0] != "#"))
assert [(b["at"], b["below"], b["above"]) for b in d["breakpoints"]] == \
    [(0.25, "NO THREAT", "SETTLE"), (0.650000001, "SETTLE", "BREAKDOWN")], d["breakpoints"]
assert [(float(r["at"]), r["below"], r["above"]) for r in rows] == \
    [(b["at"], b["below"], b["above"]) for b in d["breakpoints"]], rows
p = d["provenance"]
assert p["set"] == ["gov.cost=300_000", "reb.cost=250_000"], p["set"]
assert p["files"][0]["sha256"] == hashlib.sha256(open("nzelibe.scen", "rb").read()).hexdigest()
PY
check "with ~: the crossings CSV parses, is the JSON's, and crosses at 30%" \
	python3 - l.json l.csv <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
table = list(csv.reader(l for l in open(sys.argv[2]) if l[0] != "#"))
head, rows = table[0], table[1:]
assert head == ["attribute", "report", "level", "verdict", "direction", "at",
                "interval_lo", "interval_hi", "se", "slope"], head
assert all(len(r) == len(head) for r in rows), rows
rows = [dict(zip(head, r)) for r in rows]
assert len(rows) == len(d["crossings"]) == 2, rows
for r, c in zip(rows, d["crossings"]):
    assert (r["verdict"], r["direction"]) == (c["verdict"], c["direction"]), (r, c)
    for k, v in (("at", c["at"]), ("interval_lo", c["interval"][0]),
                 ("interval_hi", c["interval"][1]), ("se", c["se"]), ("slope", c["slope"])):
        assert abs(float(r[k]) - v) <= 1e-9 * max(1, abs(v)), (k, r[k], v)
    assert float(r["level"]) == d["level"] == 0.5
    lo, hi = float(r["interval_lo"]), float(r["interval_hi"])
    assert lo <= 0.30 <= hi, (lo, hi)                  # the closed form's 30%
    assert abs(abs(float(r["slope"])) - 5) < 0.5, r    # 100/20
assert d["provenance"]["set"] == ["gov.cost=20"]
PY

# --report R when R is only inside a sweep (tests/errors/flip-swept* hold the unnamed
# form; this one has a space the error corpus's arguments cannot): an error at the
# swept report, status 1, not the usage error of a report not in the file at all
NO_COLOR=1 "$scen" flip flip-swept.scen gov.belief --report 'gov vs reb' > /dev/null 2> swept.err
st=$?
check "--report 'gov vs reb' only in a sweep: status $st, not 1" [ $st -eq 1 ]
cat > swept.want <<'ERR'
flip-swept.scen:8:45: error: `scen flip` searches settlement reports outside sweeps, and this file has 'gov vs reb' only inside one
    8 | sweep reb.belief from 40% to 70% step 10% { report settlement gov vs reb }
      |                                             ^~~~~~~~~~~~~~~~~~~~~~~~~~~~
flip-swept.scen:8:1: note: write `report settlement gov vs reb` outside the sweep as well, and `scen flip` searches it; the sweep stays for `scen run` and `scen plot`
    8 | sweep reb.belief from 40% to 70% step 10% { report settlement gov vs reb }
      | ^~~~~
ERR
check "--report 'gov vs reb' only in a sweep: not the located error" cmp -s swept.want swept.err
finish
