#!/bin/sh
# tests/run/se.sh: the standard errors of the mean margins (mediation) and of the mean
# leaders' gain (provocation), which the run keeps as exact sums of squares
# (interp/totals.h: strat.margin_sq, strat.gain_sq). tests/run/se.scen's costs make them
# linear in one uniform cost c_R ~ uniform(10, 30) (core.md §1, §3, §4; the arithmetic is
# in the file): gain = 60 − c_R/2, the rebels' margin = c_R, the state's margin = 20.
#   - closed form: SE·sqrt(N) is the sd, sqrt(Var); Var(c_R) = (30 − 10)²/12 = 100/3,
#     so sd(margin_R) = 5.7735 and sd(gain) = 5.7735/2 = 2.8868, each within 2% (the
#     sample sd of 20,000 uniform draws has a relative sd of sqrt(0.8/N)/2 = 0.3%);
#     the state's margin is 20 in every draw: SE exactly 0;
#   - draw by draw: gain = 60 − margin_R/2 in every draw, so SE(gain) = SE(margin_R)/2
#     and mean(gain) = 60 − mean(margin_R)/2, to rounding (1e-9), whatever the sample;
#   - scen diff (interp/paired.c, Welford's moments over the same draws) prints the same
#     SEs as se_old: an independent computation;
#   - the CSV's se column holds them (margin.rebels.mean, leaders_gain), as the JSON;
#   - three shards merged give the same JSON, byte for byte (the sums of squares are
#     exact, so they add up in any grouping);
#   - `scen plot --script`'s datablocks draw each mean in a band of mean ± 2 SE.
# And the SEs of a provocation's P(war) and P(atrocities) (tests/run/se-war.scen: 1/2
# and 1/3 by hand), which are shares of the draws (the path is a war or not, with
# atrocities or not): every format that prints an SE for them prints the same one,
#   - the CSV's se is sqrt(P(1 − P)/N) of the CSV's own estimate and draws;
#   - the JSON's p_war_se and p_atrocities_se are the CSV's; so are the SEs of the same
#     shares counted as paths (P(atrocities) is path.atrocities, P(war) 1 − P(concede)
#     with no abstention, whose SE is the same: P(1 − P) is symmetric);
#   - the Markdown, LaTeX and HTML (`scen report`) cells are "P% ± SE%" of the CSV's;
#   - `scen plot --script`'s datablock has the CSV's SE (in %) and band P ± 2 SE;
# so that one format drifting from the others fails here.
# The last line is `run/se: N passed, M failed`.
NAME=run/se
. "${srcdir:-.}/tests/lib.sh"
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac
f=$(cd "$srcdir/tests/run" && pwd)/se.scen
w=$(cd "$srcdir/tests/run" && pwd)/se-war.scen
cd "$tmp" || exit 99
if ! $have_python; then
	echo "run/se: python3 is not installed: skipped"
	exit 77
fi
"$scen" run "$f" --format json > run.json 2> err || bad "run --format json failed: $(cat err)"
"$scen" run "$f" --format csv > run.csv 2>> err || bad "run --format csv failed"
"$scen" diff "$f" "$f" --format json > diff.json 2>> err
[ $? -le 1 ] || bad "diff --format json failed: $(cat err)"
check "the SEs are not those worked out by hand, or not those of scen diff and the CSV" \
	python3 - run.json diff.json run.csv <<'PY'
import csv, json, math, sys
run = json.load(open(sys.argv[1]))
diff = json.load(open(sys.argv[2]))
rows = [r for r in csv.reader(l for l in open(sys.argv[3]) if not l.startswith("#"))]
game = next(r for r in run["reports"] if r["report"] == "provocation by reb")
med = next(r for r in run["reports"] if r["report"] == "mediation talks")
n = game["draws"]
bad = []
def near(what, got, want, rel):
    if not abs(got - want) <= rel * abs(want):
        bad.append("%s: %r, not %r (within %g)" % (what, got, want, rel))
near("sd(gain) = sqrt(100/3)/2", game["leaders_gain_se"] * math.sqrt(n), math.sqrt(100 / 3) / 2, 0.02)
near("sd(margin of reb) = sqrt(100/3)", med["margin"]["reb"]["se"] * math.sqrt(n), math.sqrt(100 / 3), 0.02)
if med["margin"]["gov"]["se"] != 0:
    bad.append("the state's margin is 20 in every draw, its SE %r" % med["margin"]["gov"]["se"])
near("SE(gain) = SE(margin of reb)/2", game["leaders_gain_se"], med["margin"]["reb"]["se"] / 2, 1e-9)
near("mean gain = 60 - mean margin of reb/2", game["leaders_gain"], 60 - med["margin"]["reb"]["mean"] / 2, 1e-9)
stats = {}
for r in diff["results"]["reports"]:
    for s in r["stats"]:
        stats[(r["report"], s["name"])] = s["se_old"]
near("diff's SE of the gain", game["leaders_gain_se"], stats[("provocation by reb", "leaders' gain by provoking")], 1e-9)
near("diff's SE of reb's margin", med["margin"]["reb"]["se"], stats[("mediation talks", "margin of reb")], 1e-9)
head = rows[0]
se = {(r[0], r[5]): r[head.index("se")] for r in rows[1:]}
near("the CSV's leaders_gain se", float(se[("provocation by reb", "leaders_gain")]), game["leaders_gain_se"], 1e-9)
near("the CSV's margin.rebels.mean se", float(se[("mediation talks", "margin.rebels.mean")]), med["margin"]["reb"]["se"], 1e-9)
if se[("mediation talks", "margin.rebels.q05")] != "":
    bad.append("a quantile has an SE in the CSV")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY

for i in 1 2 3; do
	"$scen" run "$f" --shard $i/3 -o part$i.json 2>> err || bad "shard $i/3 failed: $(cat err)"
done
"$scen" merge part1.json part2.json part3.json --format json > merged.json 2>> err \
	|| bad "merge failed: $(cat err)"
check "the merge of 3 shards does not print the run's JSON" \
	python3 -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(a["reports"] != b["reports"])' run.json merged.json
check "a partial does not carry the sums of squares" \
	grep -q '"strat.gain_sq"' part1.json

# the plot's bands: columns 10-12 of the provocation's datablock are gain, gain − 2 SE,
# gain + 2 SE; those of the mediation's 6 (gov's mean margin) and 9 (reb's) with 12-13
# and 14-15. The sweep below has one row, the file's own values.
cat > sweep.scen <<SCEN
import "$f"
sweep gov.cost from 20 to 20 step 1 {
  report provocation by reb
  report mediation talks
}
SCEN
sed -e '/^import/d' "$f" > base.scen
cat base.scen > sw.scen
sed -n '/^sweep/,$p' sweep.scen >> sw.scen
"$scen" plot sw.scen --script > s.gp 2>> err || bad "plot --script failed: $(cat err)"
python3 - s.gp run.json > bands 2>> err <<'PY'
import json, sys
text = open(sys.argv[1]).read().split("\n")
run = json.load(open(sys.argv[2]))
game = next(r for r in run["reports"] if r["report"] == "provocation by reb")
med = next(r for r in run["reports"] if r["report"] == "mediation talks")
blocks, cur = [], None
for line in text:
    if line.endswith("<< EOD"):
        cur = []
    elif line == "EOD":
        blocks.append(cur); cur = None
    elif cur is not None:
        cur.append([float(x) for x in line.split()])
g, m = blocks[0][0], blocks[1][0]
se, mean = game["leaders_gain_se"], game["leaders_gain"]
ok = abs(g[9] - mean) < 1e-6 and abs(g[10] - (mean - 2 * se)) < 1e-6 and abs(g[11] - (mean + 2 * se)) < 1e-6
r = med["margin"]["reb"]
ok &= abs(m[8] - r["mean"]) < 1e-6 and abs(m[13] - (r["mean"] - 2 * r["se"])) < 1e-6 \
    and abs(m[14] - (r["mean"] + 2 * r["se"])) < 1e-6
ok &= m[11] == m[12] == 20          # the state's: a band of 0
print("ok" if ok else "bad %r %r" % (g, m))
PY
check "the plot's bands are not mean ± 2 SE: $(cat bands)" [ "$(cat bands)" = ok ]
check "the gain and the margins are not drawn in bands" sh -c "
	grep -q 'chart1_run1 using 1:11:12 axes x1y2 with filledcurves' s.gp &&
	grep -q 'chart2_run1 using 1:14:15 axes x1y2 with filledcurves' s.gp"

for fmt in csv json markdown latex; do
	"$scen" run "$w" --format $fmt > war.$fmt 2>> err || bad "se-war.scen --format $fmt failed"
done
"$scen" report "$w" -o war.html > /dev/null 2>> err || bad "scen report se-war.scen failed: $(cat err)"
sed -e '/^#/d' "$w" > war-sweep.scen
printf 'sweep reb.cost from 10 to 10 step 1 {\n  report provocation by reb\n}\n' >> war-sweep.scen
"$scen" plot war-sweep.scen --script > war.gp 2>> err || bad "plot --script of se-war failed"
"$scen" run war-sweep.scen --format csv > war-sweep.csv 2>> err || bad "run war-sweep failed"
check "P(war)'s and P(atrocities)' SEs differ between the formats" \
	python3 - war.csv war.json war.markdown war.latex war.html war.gp war-sweep.csv <<'PY'
import csv, json, math, sys
csvp, jsonp, mdp, texp, htmlp, gpp, swp = sys.argv[1:]
def measures(path, sweep):
    rows = csv.DictReader(l for l in open(path) if not l.startswith("#"))
    return {r["measure"]: r for r in rows if r["report"] == "provocation by reb" and r["sweep"] == sweep}
rows, swept = measures(csvp, ""), measures(swp, "reb.cost")
game = json.load(open(jsonp))["reports"][0]
md, tex, html = (open(p).read() for p in (mdp, texp, htmlp))
bad = []
def near(what, got, want, rel=1e-9):
    if not abs(got - want) <= rel * abs(want):
        bad.append("%s: %r, not %r" % (what, got, want))
for name, hand in (("p_war", 1 / 2), ("p_atrocities", 1 / 3)):
    r = rows[name]
    p, n = float(r["estimate"]), int(r["draws"])
    if not r["se"]:
        bad.append("the CSV's %s has no se" % name)
        continue
    se = float(r["se"])
    near("the CSV's %s se against sqrt(P(1 - P)/N) of its P and draws" % name, se, math.sqrt(p * (1 - p) / n))
    if not (0 < p < 1 and abs(p - hand) <= 3 * se):
        bad.append("%s %r: not within 3 SE of %r worked out by hand" % (name, p, hand))
    near("the JSON's %s" % name, game[name], p)
    near("the JSON's %s_se" % name, game[name + "_se"], se)
    cell = "%.1f%% ± %.2f%%" % (100 * p, 100 * se)
    esc = name.replace("_", "\\_")
    for fmt, text, line in (("markdown", md, "| %s | %s |" % (esc, cell)),
                            ("latex", tex, "%s & %s \\\\" % (esc, cell.replace("%", "\\%").replace("±", "$\\pm$"))),
                            ("html", html, "%s</td><td>%s</td>" % (name, cell))):
        if line not in text:
            bad.append("the %s output has no %r" % (fmt, line))
    near("the sweep row's %s (the same draws)" % name, float(swept[name]["estimate"]), p)
    near("the sweep row's %s se" % name, float(swept[name]["se"]), se)
near("p_atrocities' se against path.atrocities'", float(rows["p_atrocities"]["se"]), float(rows["path.atrocities"]["se"]))
near("p_war's se against path.concede's (P(war) = 1 - P(concede))", float(rows["p_war"]["se"]), float(rows["path.concede"]["se"]))
near("the JSON's p_atrocities_se against paths.atrocities.se", game["p_atrocities_se"], game["paths"]["atrocities"]["se"])
# the datablock: 1 the swept value, 2-5 P(war) and 6-9 P(atrocities) in %: share, SE, band
lines = open(gpp).read().split("\n")
row = [float(x) for x in lines[lines.index("$chart1_run1 << EOD") + 1].split()]
for name, col in (("p_war", 1), ("p_atrocities", 5)):
    p, se = float(swept[name]["estimate"]), float(swept[name]["se"])
    near("the plot's %s" % name, row[col], 100 * p)
    near("the plot's %s SE" % name, row[col + 1], 100 * se)
    near("the plot's %s band's low edge" % name, row[col + 2], 100 * (p - 2 * se))
    near("the plot's %s band's high edge" % name, row[col + 3], 100 * (p + 2 * se))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
finish
