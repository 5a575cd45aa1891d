#!/bin/sh
# tests/run/screen-lines.sh: screening's thresholds kept from draw to draw, per conflict
# (interp/draw.c, thresholds_fast), against the closed forms worked out in
# tests/run/screen-lines.scen. 10,000 draws: each mean within 4 standard errors of its
# closed form (SE of P(war)'s mean for gov vs reb: 1.25·0.2/sqrt(12)/100 = 0.00072;
# for the regime, sd((15 − c_S)/40 below 15) = 0.0325: SE 0.00033; of the RISK share
# sqrt(0.25·0.75/10,000) = 0.0043), each quantile within 0.003 (the sample quantile
# of b_R at 5%: sd sqrt(0.05·0.95/N)·0.2/1 = 0.00044, times 1.25; the K = 4,096 types
# add at most 1/K). Then the same at 2 threads and in 3 shards: byte for byte.
NAME=run/screen-lines
. "${srcdir:-.}/tests/lib.sh"
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac
f=$(cd "$srcdir/tests/run" && pwd)/screen-lines.scen
cd "$tmp" || exit 99
if ! $have_python; then
	echo "run/screen-lines: python3 is not installed: skipped"
	exit 77
fi
"$scen" run "$f" --threads 1 --format json > run.json 2> err || bad "run failed: $(cat err)"
check "the screened shares are not those worked out by hand" \
	python3 - run.json <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))
pub, fixed = run["reports"]
bad = []
def near(what, got, want, tol):
    if not abs(got - want) <= tol:
        bad.append("%s: %r, not %r (within %g)" % (what, got, want, tol))
q = pub["quantities"]
near("gov vs reb: RISK share", pub["verdicts"]["RISK"]["share"], 1.0, 0)
near("gov vs reb: mean P(war) = 0.375", q["p_war"]["mean"], 0.375, 4 * 0.00072)
near("gov vs reb: 5% of P(war) = 0.2625", q["p_war"]["q05"], 0.2625, 0.003)
near("gov vs reb: 95% of P(war) = 0.4875", q["p_war"]["q95"], 0.4875, 0.003)
near("gov vs reb: mean x* = 0.35", q["offer"]["mean"], 0.35, 4 * 0.00072)
near("gov vs reb: 5% of x* = 0.305", q["offer"]["q05"], 0.305, 0.003)
near("gov vs reb: 95% of x* = 0.395", q["offer"]["q95"], 0.395, 0.003)
near("regime: RISK share = 25%", fixed["verdicts"]["RISK"]["share"], 0.25, 4 * 0.0043)
near("regime: SETTLE share = 75%", fixed["verdicts"]["SETTLE"]["share"], 0.75, 4 * 0.0043)
near("regime: mean P(war) = 0.015625", fixed["quantities"]["p_war"]["mean"], 0.015625, 4 * 0.00033)
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
"$scen" run "$f" --threads 1 > one.txt 2>> err
"$scen" run "$f" --threads 2 > two.txt 2>> err
check "2 threads do not print 1 thread's report" cmp -s one.txt two.txt
for i in 1 2 3; do
	"$scen" run "$f" --shard $i/3 -o part$i.json 2>> err || bad "shard $i/3 failed: $(cat err)"
done
"$scen" merge part1.json part2.json part3.json > merged.txt 2>> err || bad "merge failed"
check "3 shards merged do not print the whole run" cmp -s one.txt merged.txt
finish
