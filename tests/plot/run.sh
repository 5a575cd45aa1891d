#!/bin/sh
# tests/plot/run.sh: `scen plot`.
#   - the gnuplot script (--script, no gnuplot needed) holds one datablock per sweep and
#     report, one row per sweep row of `scen run --format csv`, with the same shares,
#     and a curve for each verdict that occurs (and none for the others);
#   - several files: their curves on the same charts, labelled with the file names;
#   - a file with no sweep: "nothing to plot", status 1; an output that is not .svg,
#     .png or .pdf: status 2; gnuplot missing (PATH an empty folder): status 3 and an error
#     naming gnuplot-nox;
#   - with gnuplot: the SVG (default name: the file's base name, in the current folder)
#     holds the expected series, each with one point per sweep row; -o x.png writes a
#     PNG, -o x.pdf a PDF (cairo terminals, the table sense --plot uses). Without gnuplot these are skipped, and counted as such.
#   - --size WxH, --title, --mono, --y pwar (P(war)'s mean, no band) and % axes for a
#     swept probability in the script; with gnuplot, an SVG with the title, a mono PNG
#     of the size asked, a mono PDF of P(war).
#   - mediation and provocation sweeps: kenya.scen's margins and agreement worked out by
#     hand; kinds.scen's datablocks against the CSV, their bands, their curves and axes;
#     --y for each kind (the others keep their default); with gnuplot, an SVG of each
#     kind with its series, a mono PNG of a mediation.
#   - fonts that a bare Debian machine has: every font the script names is a generic
#     family of fontconfig (sans, serif, monospace), which it maps to an installed font
#     (fonts-dejavu-core comes with fontconfig); with fc-match, to a font file that exists.
# The last line is `plot: N passed, M failed`.
NAME=plot
. "${srcdir:-.}/tests/lib.sh"
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac
top=$(cd "$srcdir" && pwd)
dir=$top/tests/plot
skip=0

# datablock FILE NAME: the rows of datablock $NAME in a gnuplot script
datablock() { awk -v b="\$$2 << EOD" '$0 == b { s = 1; next } s && /^EOD$/ { exit } s' "$1"; }
# curves FILE: the titles of the curves in a script, one a line
# (a quote in a title is doubled, as gnuplot reads it)
curves() { grep 'with linespoints' "$1" | grep -o "title '\([^']\|''\)*'" | sed "s/^title '//; s/'\$//; s/''/'/g"; }
# csv_rows CSV SWEEP REPORT: "value settle% breakdown% risk%" of each sweep row, from
# the tidy CSV (columns report,kind,sweep,value,draws,measure,estimate,se)
csv_rows() {
	awk -F, -v sw="$2" -v rep="$3" 'NR > 1 && $1 == rep && $3 == sw {
		if ($6 == "verdict.settle") s = $7
		if ($6 == "verdict.breakdown") b = $7
		if ($6 == "verdict.risk") printf "%.6g %.6g %.6g %.6g\n", $4, 100 * s, 100 * b, 100 * $7 }' "$1"
}
# block_rows FILE NAME: the same columns from a datablock
block_rows() { datablock "$1" "$2" | awk '{ printf "%.6g %.6g %.6g %.6g\n", $1, $6, $10, $14 }'; }

# ---- the script: data and series ----
f=$dir/sweeps.scen
$scen run "$f" --format csv > "$tmp/run.csv" 2>"$tmp/err" || bad "scen run $f failed"
if $scen plot "$f" --script > "$tmp/s.gp" 2>"$tmp/err"; then ok; else
	bad "plot --script exited $?: $(cat "$tmp/err")"
fi
check "script: not three datablocks" [ "$(grep -c '^\$chart[0-9]*_run1 << EOD$' "$tmp/s.gp")" -eq 3 ]
csv_rows "$tmp/run.csv" reb.belief "settlement gov vs reb" > "$tmp/want1"
csv_rows "$tmp/run.csv" reb.belief "settlement gov vs hidden" > "$tmp/want2"
csv_rows "$tmp/run.csv" V "settlement gov vs reb" > "$tmp/want3"
for c in 1 2 3; do
	block_rows "$tmp/s.gp" chart${c}_run1 > "$tmp/got$c"
	check "script: chart $c's rows differ from scen run's CSV" [ -s "$tmp/want$c" ]
	if cmp -s "$tmp/want$c" "$tmp/got$c"; then ok; else
		bad "script: chart $c's data differ from the CSV"
		diff "$tmp/want$c" "$tmp/got$c" | head -n 6
	fi
done
check "script: 5 + 5 + 4 sweep rows" [ "$(datablock "$tmp/s.gp" chart1_run1 | wc -l)" -eq 5 ] \
	&& [ "$(datablock "$tmp/s.gp" chart3_run1 | wc -l)" -eq 4 ]
datablock "$tmp/s.gp" chart1_run1 > "$tmp/block1"
# the ±2 SE band: share ± 2 sqrt(p(1 - p)/N), within 0..100 (N = 2,000)
check "script: a band is not share ± 2 SE" awk '{ for (v = 0; v < 4; v++) {
		p = $(2 + 4 * v) / 100; se = sqrt(p * (1 - p) / 2000)
		lo = p - 2 * se; if (lo < 0) lo = 0; hi = p + 2 * se; if (hi > 1) hi = 1
		if ((($(3 + 4 * v) / 100 - se)^2 > 1e-14) || (($(4 + 4 * v) / 100 - lo)^2 > 1e-14) ||
		    (($(5 + 4 * v) / 100 - hi)^2 > 1e-14)) exit 1 } }' "$tmp/block1"
curves "$tmp/s.gp" > "$tmp/titles"
check "script: the curves are not SETTLE, BREAKDOWN / RISK / SETTLE, BREAKDOWN" \
	[ "$(tr '\n' ' ' < "$tmp/titles")" = "SETTLE BREAKDOWN RISK SETTLE BREAKDOWN " ]
check "script: a band for each curve" [ "$(grep -c 'with filledcurves' "$tmp/s.gp")" -eq 5 ]
check "script: no terminal named svg by default" grep -q "scen_format = 'svg'" "$tmp/s.gp"

# ---- the page: --title, --size, --mono ----
$scen plot "$f" --script --size 640x480 --mono --title "Fig. 2: it's" > "$tmp/m.gp" 2>"$tmp/err"
check "--size: the script's page is not 640 x 480" grep -q '^scen_width = 640$' "$tmp/m.gp" \
	&& grep -q '^scen_height = 480$' "$tmp/m.gp"
check "--title: the page is not titled with it (the quote doubled)" \
	grep -q "^set multiplot layout 3,1 title 'Fig. 2: it''s'" "$tmp/m.gp"
check "--mono: a curve or band is not black" [ "$(grep -c "lc rgb '#000000'\|fc rgb '#000000'" "$tmp/m.gp")" -eq 10 ]
check "--mono: SETTLE and BREAKDOWN not told apart by their dash pattern" \
	grep -q "dt solid pt 7" "$tmp/m.gp" && grep -q "dt (10,5) pt 5" "$tmp/m.gp"

# ---- --y pwar, and % axes for a swept probability ----
# column 18 is P(war)'s mean in % (the CSV's p_war.mean × 100), a curve per chart, no
# band (the data have no SE for it); reb.belief is a probability: its axis in % (x =
# the value × 100), V is not
$scen plot "$f" --script --y pwar > "$tmp/w.gp" 2>"$tmp/err"
awk -F, 'NR > 1 && $1 == "settlement gov vs reb" && $3 == "reb.belief" && $6 == "p_war.mean" {
	printf "%.6g %.6g\n", $4, 100 * $7 }' "$tmp/run.csv" > "$tmp/wwant"
datablock "$tmp/w.gp" chart1_run1 | awk '{ printf "%.6g %.6g\n", $1, $18 }' > "$tmp/wgot"
check "--y pwar: the CSV has no p_war.mean rows" [ "$(wc -l < "$tmp/wwant")" -eq 5 ]
check "--y pwar: column 18 is not the CSV's P(war) in %" cmp -s "$tmp/wwant" "$tmp/wgot"
check "--y pwar: not one P(war) curve a chart" [ "$(grep -c "using [^ ]*:18 with linespoints.*title 'P(war)'" "$tmp/w.gp")" -eq 3 ]
check "--y pwar: a band" [ "$(grep -c 'filledcurves' "$tmp/w.gp")" -eq 0 ]
check "--y pwar: the y axis is not named P(war)" grep -q "^set ylabel 'P(war)" "$tmp/w.gp"
# ---- --y cause:NAME and quantity:NAME ----
# column 19 + 3c is cause c's share of all draws in % (the CSV's cause.NAME × 100), with
# its ±2 SE band in the next two; column 40 + 3k is quantity k's mean in stake units
# (the CSV's NAME.mean), its 5% and 95% quantiles in the next two (x_min: k = 0, 40)
$scen plot "$f" --script --y cause:divergent_expectations > "$tmp/cy.gp" 2>"$tmp/err"
awk -F, 'NR > 1 && $1 == "settlement gov vs reb" && $3 == "reb.belief" && $6 == "cause.divergent_expectations" {
	printf "%.6g %.6g\n", $4, 100 * $7 }' "$tmp/run.csv" > "$tmp/cwant"
datablock "$tmp/cy.gp" chart1_run1 | awk '{ printf "%.6g %.6g\n", $1, $19 }' > "$tmp/cgot"
check "--y cause: the CSV has no cause rows" [ "$(wc -l < "$tmp/cwant")" -eq 5 ]
check "--y cause: column 19 is not the CSV's divergent expectations share in %" cmp -s "$tmp/cwant" "$tmp/cgot"
check "--y cause: not one curve with its band a chart" sh -c "
	[ \$(grep -c \"using [^ ]*:19 with linespoints.*title 'divergent expectations'\" '$tmp/cy.gp') -eq 3 ] &&
	[ \$(grep -c 'using [^ ]*:20:21 with filledcurves' '$tmp/cy.gp') -eq 3 ]"
$scen plot "$f" --script --y quantity:x_min > "$tmp/qy.gp" 2>"$tmp/err"
awk -F, 'NR > 1 && $1 == "settlement gov vs reb" && $3 == "reb.belief" && $6 == "x_min.mean" {
	printf "%.6g %.6g\n", $4, $7 }' "$tmp/run.csv" > "$tmp/qwant"
datablock "$tmp/qy.gp" chart1_run1 | awk '{ printf "%.6g %.6g\n", $1, $40 }' > "$tmp/qgot"
check "--y quantity: the CSV has no x_min.mean rows" [ "$(wc -l < "$tmp/qwant")" -eq 5 ]
check "--y quantity: column 40 is not the CSV's x_min mean" cmp -s "$tmp/qwant" "$tmp/qgot"
check "--y quantity: the axis is in % or not named x_min" sh -c "
	grep -q \"^set ylabel 'mean over the draws: x_min'\" '$tmp/qy.gp' &&
	grep -q '^set autoscale y' '$tmp/qy.gp' && ! grep -q '^set yrange' '$tmp/qy.gp'"
check "% axis: reb.belief is not drawn as value × 100 in %" \
	[ "$(grep -c 'using (\$1\*100):18' "$tmp/w.gp")" -eq 2 ] && [ "$(grep -c "^set format x '%g%%'" "$tmp/w.gp")" -eq 2 ]
check "% axis: V (not a probability) is" grep -q 'run1 using 1:18' "$tmp/w.gp"
$scen plot "$f" --script --y verdicts > "$tmp/v.gp" 2>"$tmp/err"
check "--y verdicts: not the default script" cmp -s "$tmp/v.gp" "$tmp/s.gp"

# ---- several files ----
sed 's/belief = 30%/belief = 40%/' "$f" > "$tmp/new.scen"
(cd "$tmp" && $scen plot "$f" new.scen --script > "$tmp/two.gp" 2>"$tmp/err")
check "two files: plot --script failed" [ -s "$tmp/two.gp" ]
check "two files: not one datablock a file a chart" \
	[ "$(grep -c '^\$chart[0-9]*_run[12] << EOD$' "$tmp/two.gp")" -eq 6 ]
curves "$tmp/two.gp" | grep -c '(new.scen)$' > "$tmp/n"
check "two files: not 5 curves labelled (new.scen)" [ "$(cat "$tmp/n")" -eq 5 ]

# ---- errors ----
printf 'stake s { value = 1 }\nactor a : state { cost ~ uniform(0, 1) }\nactor b : rebels { cost = 1 }\nconflict a vs b over s { win = 50%% }\nreport settlement a vs b\n' > "$tmp/flat.scen"
$scen plot "$tmp/flat.scen" --script > "$tmp/out" 2>"$tmp/err"
st=$?
check "no sweep: status $st, not 1" [ $st -eq 1 ]
check "no sweep: no 'nothing to plot' message" grep -q 'nothing to plot' "$tmp/err"
check "no sweep: something on stdout" [ ! -s "$tmp/out" ]
$scen plot "$f" -o "$tmp/x.gif" > /dev/null 2>"$tmp/err"
st=$?
check "-o x.gif: status $st, not 2" [ $st -eq 2 ]
check "-o x.gif: the error does not name the three formats" \
	grep -q 'must end in .svg, .png or .pdf' "$tmp/err"
mkdir "$tmp/empty"
(cd "$tmp" && PATH=$tmp/empty "$scen" plot "$f" > "$tmp/out" 2>"$tmp/err")
st=$?
check "no gnuplot: status $st, not 3" [ $st -eq 3 ]
check "no gnuplot: the error does not name gnuplot-nox" grep -q 'gnuplot-nox' "$tmp/err"
check "no gnuplot: a file was written" [ ! -e "$tmp/sweeps.svg" ]

# ---- with gnuplot: the SVG and the PNG ----
# svg_series SVG: "TITLE POINTS" for each curve (gnuplot draws each in a <g id=
# "gnuplot_plot_..."> group: its title in the key, a <use> per point and one in the key)
svg_series() {
	awk 'function out() { if (t != "") print t, n - 1 }
		/<g id="gnuplot_plot_/ { out(); g = 1; t = ""; n = 0 }
		/<text>[^<]*<\/text>/ && g && t == "" { s = $0; sub(/.*<text>/, "", s); sub(/<\/text>.*/, "", s); t = s }
		{ n += gsub(/<use xlink:href=.#gpPt/, "&") }
		END { out() }' "$1"
}
if command -v gnuplot >/dev/null 2>&1; then
	(cd "$tmp" && $scen plot "$f" > "$tmp/out" 2>"$tmp/err")
	st=$?
	check "svg: status $st: $(cat "$tmp/err")" [ $st -eq 0 ]
	check "svg: sweeps.svg not written in the current folder" grep -q '</svg>' "$tmp/sweeps.svg"
	svg_series "$tmp/sweeps.svg" > "$tmp/series" 2>/dev/null
	printf '%s\n' "SETTLE 5" "BREAKDOWN 5" "RISK 5" "SETTLE 4" "BREAKDOWN 4" > "$tmp/want"
	if cmp -s "$tmp/want" "$tmp/series"; then ok; else
		bad "svg: the series (title, points) differ:"
		diff "$tmp/want" "$tmp/series" | head -n 10
	fi
	$scen plot "$top/examples/darfur.scen" --draws 2000 -o "$tmp/d.png" > /dev/null 2>"$tmp/err"
	check "png: not a PNG file: $(cat "$tmp/err")" \
		[ "$(od -An -c -N4 "$tmp/d.png" 2>/dev/null | tr -d ' ')" = '211PNG' ]
	$scen plot "$f" -o "$tmp/x.pdf" > /dev/null 2>"$tmp/err"
	check "pdf: not a PDF file: $(cat "$tmp/err")" \
		[ "$(head -c 5 "$tmp/x.pdf" 2>/dev/null)" = '%PDF-' ]
	# one of each, as a paper wants them: the title inside the SVG, a PNG of the size
	# asked (its IHDR: width and height, big-endian, bytes 17-24), a mono PDF
	$scen plot "$f" --title 'Figure 1: settlement' -o "$tmp/t.svg" > /dev/null 2>"$tmp/err"
	check "svg --title: the title is not in the SVG" grep -q '>Figure 1: settlement<' "$tmp/t.svg"
	$scen plot "$f" --mono --size 800x600 -o "$tmp/m.png" > /dev/null 2>"$tmp/err"
	check "png --size 800x600: not a PNG of 800 x 600: $(cat "$tmp/err")" \
		[ "$(od -An -tu1 -j16 -N8 "$tmp/m.png" | tr -s ' ')" = ' 0 0 3 32 0 0 2 88' ]
	$scen plot "$f" --mono --y pwar -o "$tmp/m.pdf" > /dev/null 2>"$tmp/err"
	check "pdf --mono --y pwar: not a PDF: $(cat "$tmp/err")" [ "$(head -c 5 "$tmp/m.pdf")" = '%PDF-' ]
	(cd "$tmp" && $scen plot "$f" new.scen -o two.svg > /dev/null 2>"$tmp/err")
	svg_series "$tmp/two.svg" | grep -c '(new.scen) [45]$' > "$tmp/n"
	check "two files: the SVG has not 5 curves of new.scen" [ "$(cat "$tmp/n")" -eq 5 ]
	(cd "$tmp" && $scen diff "$f" new.scen --plot diff.svg > /dev/null 2>"$tmp/err")
	svg_series "$tmp/diff.svg" | grep -c '(new.scen) [45]$' > "$tmp/n"
	check "diff --plot: the SVG has not both versions' curves" [ "$(cat "$tmp/n")" -eq 5 ]
	# a map: a heat map and its 50% line, drawn without a word from gnuplot
	$scen plot "$top/tests/run/map.scen" -o "$tmp/map.svg" > /dev/null 2>"$tmp/err"
	check "map: gnuplot said something: $(cat "$tmp/err")" [ ! -s "$tmp/err" ]
	check "map: the SVG has no image" grep -q '<image' "$tmp/map.svg"
else
	skip=11
	echo "SKIP: plot: gnuplot is not installed (Debian package gnuplot-nox): 11 checks skipped"
fi

# ---- a map: its datablock is the CSV's SETTLE share per cell, a scan a row ----
# (map.scen: SETTLE leads; x is the second attribute gov.belief, y the first)
m=$top/tests/run/map.scen
$scen plot "$m" --script > "$tmp/m.gp" 2>"$tmp/err" || bad "plot --script $m failed"
$scen run "$m" --format csv > "$tmp/m.csv" 2>>"$tmp/err"
awk -F, 'NR > 1 && $6 == "verdict.settle" { printf "%.6g %.6g %.6g\n", $10, $4, 100 * $7 }' \
	"$tmp/m.csv" > "$tmp/mwant"
datablock "$tmp/m.gp" map1 | awk 'NF { printf "%.6g %.6g %.6g\n", $1, $2, $3 }' > "$tmp/mgot"
check "map: the datablock is not the CSV's shares" cmp -s "$tmp/mwant" "$tmp/mgot"
check "map: not 41 scans of 41 cells" [ "$(datablock "$tmp/m.gp" map1 | grep -c '^$')" -eq 40 ]
check "map: no 50% contour" grep -q 'set cntrparam levels discrete 50' "$tmp/m.gp"
check "map: the chart is not titled with its share" grep -q "set cblabel 'share of SETTLE'" "$tmp/m.gp"
# both of map.scen's attributes are probabilities (beliefs): each axis in %, the cells and
# the 50% line drawn at the values × 100 (the datablock keeps the values, as the CSV)
check "map: the axes are not in %" sh -c "
	grep -q \"^set format x '%g%%'\" '$tmp/m.gp' && grep -q \"^set format y '%g%%'\" '$tmp/m.gp' &&
	grep -q 'using (\$1\*100):(\$2\*100):3 with image' '$tmp/m.gp' &&
	grep -q 'map1_50 using (\$1\*100):(\$2\*100) with lines' '$tmp/m.gp'"


# ---- a mediation sweep, by hand (core.md §3; kenya.scen: no `~`, one draw) ----
# V = 100, x = the proposal × V, g = 1, no x_sq, no reputation, no intervener.
# kibaki (the state): W_S = r_S·(1 − b_S)·V − c_S = 85 − 20 = 65; the rejection sanctions
#   8 + 4 + 6 = 18, so BATNA_S = 65 − 18 = 47; U_S(x) = V − x, margin_S = 53 − x.
# odinga (the rebels): W_R = b_R·V − c_R = 45 − 25 = 20, no sanction on him, BATNA_R =
#   20; U_R(x) = x, margin_R = x − 20.
# x = 45 is README's worked case: margins 8 and 25, AGREEMENT. Each row: the value,
# AGREEMENT in % (both margins ≥ 0), its SE (0: exact) and band (= the share), then
# each margin's mean, 5% and 95% (one draw: all three the same), then each mean margin's
# ±2 SE band (one draw: SE 0, the band is the mean twice).
#   x = 30: 23, 10   35: 18, 15   40: 13, 20   45: 8, 25   50: 3, 30   (AGREEMENT 100%)
#   x = 55: −2, 35   60: −7, 40   (kibaki rejects: AGREEMENT 0%)
k=$dir/kenya.scen
$scen plot "$k" --script > "$tmp/k.gp" 2>"$tmp/err" || bad "plot --script $k failed: $(cat "$tmp/err")"
cat > "$tmp/kwant" <<'ROWS'
0.3 100 0 100 100 23 23 23 10 10 10 23 23 10 10
0.35 100 0 100 100 18 18 18 15 15 15 18 18 15 15
0.4 100 0 100 100 13 13 13 20 20 20 13 13 20 20
0.45 100 0 100 100 8 8 8 25 25 25 8 8 25 25
0.5 100 0 100 100 3 3 3 30 30 30 3 3 30 30
0.55 0 0 0 0 -2 -2 -2 35 35 35 -2 -2 35 35
0.6 0 0 0 0 -7 -7 -7 40 40 40 -7 -7 40 40
ROWS
datablock "$tmp/k.gp" chart1_run1 | awk '{ for (i = 1; i <= NF; i++) printf "%s%.6g", (i > 1 ? " " : ""), $i + 0; print "" }' > "$tmp/kgot"
if cmp -s "$tmp/kwant" "$tmp/kgot"; then ok; else
	bad "kenya: the mediation datablock is not the margins worked out by hand"
	diff "$tmp/kwant" "$tmp/kgot" | head -n 8
fi
curves "$tmp/k.gp" > "$tmp/ktitles"
check "kenya: the curves are not AGREEMENT and each party's margin" \
	[ "$(tr '\n' '|' < "$tmp/ktitles")" = "AGREEMENT|margin: kibaki|margin: odinga|" ]
check "kenya: a band in an exact file" [ "$(grep -c 'filledcurves' "$tmp/k.gp")" -eq 0 ]
# the share on the left axis in % (the proposal, a probability, in % across), the margins
# on the right one in stake units, with their 0 (a party accepts above it)
check "kenya: the margins are not on a right axis beside the share in %" sh -c "
	grep -q \"^set y2label 'margin (≥ 0: accepts; thin: 5%, 95% of draws)'\" '$tmp/k.gp' &&
	grep -q 'run1 using (\$1\*100):2 with linespoints' '$tmp/k.gp' &&
	grep -q 'run1 using (\$1\*100):6 axes x1y2 with linespoints' '$tmp/k.gp' &&
	grep -q 'run1 using (\$1\*100):9 axes x1y2 with linespoints' '$tmp/k.gp' &&
	grep -q '^     0 axes x1y2 with lines' '$tmp/k.gp' && grep -q '^unset y2tics' '$tmp/k.gp'"

# ---- mediation and provocation sweeps with `~`: the datablocks against the CSV ----
# kinds.scen: chart 1 the settlement and chart 2 the provocation over gov.reputation,
# chart 3 the mediation over talks.proposal. Mediation: column 2 is the CSV's agreement
# × 100 and 3 its se × 100; 6-8 margin.state's mean, q05, q95; 9-11 margin.rebels's.
# Provocation: 2 p_war × 100, 6 p_atrocities × 100, 10 leaders_gain; P(war) is a share
# of the draws (a war or not in each draw: path.repress + path.atrocities), so 3 and 7
# are a share's SE, 100·sqrt(p(1 − p)/N) with N = 2,000, and 4-5, 8-9 the ±2 SE band.
g=$dir/kinds.scen
$scen run "$g" --format csv > "$tmp/g.csv" 2>"$tmp/err" || bad "scen run $g failed"
$scen plot "$g" --script > "$tmp/g.gp" 2>"$tmp/err" || bad "plot --script $g failed: $(cat "$tmp/err")"
# csv_pick CSV REPORT M1 M2 ...: "value m1 m2 ..." per sweep row (estimates; NAME:se the
# se, NAME*100 in %)
csv_pick() {
	c=$1 r=$2; shift 2
	awk -F, -v rep="$r" -v want="$*" 'BEGIN { n = split(want, w, " ") }
		NR > 1 && $1 == rep && $3 != "" { v[$4 SUBSEP $6] = $7; s[$4 SUBSEP $6] = $8
			if (!($4 in seen)) { seen[$4] = 1; order[++rows] = $4 } }
		END { for (i = 1; i <= rows; i++) { x = order[i]; line = sprintf("%.6g", x)
			for (j = 1; j <= n; j++) { m = w[j]; k = 1
				if (m ~ /\*100$/) { k = 100; sub(/\*100$/, "", m) }
				if (m ~ /:se$/) { sub(/:se$/, "", m); e = s[x SUBSEP m] } else e = v[x SUBSEP m]
				line = line sprintf(" %.6g", k * e) }
			print line } }' "$c"
}
# block_pick GP BLOCK COL ...: the same columns of a datablock
block_pick() {
	gp=$1 b=$2; shift 2
	datablock "$gp" "$b" | awk -v cols="$*" 'BEGIN { n = split(cols, c, " ") }
		{ line = sprintf("%.6g", $1); for (j = 1; j <= n; j++) line = line sprintf(" %.6g", $(c[j])); print line }'
}
csv_pick "$tmp/g.csv" "mediation talks" 'agreement*100' 'agreement:se*100' margin.state.mean \
	margin.state.q05 margin.state.q95 margin.rebels.mean margin.rebels.q05 margin.rebels.q95 > "$tmp/mwant"
block_pick "$tmp/g.gp" chart3_run1 2 3 6 7 8 9 10 11 > "$tmp/mgot"
check "kinds: the CSV has not 7 mediation rows" [ "$(wc -l < "$tmp/mwant")" -eq 7 ]
if cmp -s "$tmp/mwant" "$tmp/mgot"; then ok; else
	bad "kinds: the mediation datablock differs from the CSV"
	diff "$tmp/mwant" "$tmp/mgot" | head -n 6
fi
csv_pick "$tmp/g.csv" "provocation by reb" 'p_war*100' 'p_atrocities*100' leaders_gain > "$tmp/pwant"
block_pick "$tmp/g.gp" chart2_run1 2 6 10 > "$tmp/pgot"
check "kinds: the CSV has not 9 provocation rows" [ "$(wc -l < "$tmp/pwant")" -eq 9 ]
if cmp -s "$tmp/pwant" "$tmp/pgot"; then ok; else
	bad "kinds: the provocation datablock differs from the CSV"
	diff "$tmp/pwant" "$tmp/pgot" | head -n 6
fi
csv_pick "$tmp/g.csv" "provocation by reb" 'path.repress*100' 'path.atrocities*100' |
	awk '{ printf "%.6g\n", $2 + $3 }' > "$tmp/wwant"
block_pick "$tmp/g.gp" chart2_run1 2 | awk '{ printf "%.6g\n", $2 }' > "$tmp/wgot"
check "kinds: P(war) is not the share of the draws that go to war" cmp -s "$tmp/wwant" "$tmp/wgot"
check "kinds: P(war) and P(atrocities) not both varying (a dull test file)" sh -c "
	[ \$(cut -d' ' -f2 '$tmp/pgot' | sort -u | wc -l) -ge 4 ] && [ \$(cut -d' ' -f3 '$tmp/pgot' | sort -u | wc -l) -ge 3 ]"
datablock "$tmp/g.gp" chart2_run1 > "$tmp/pblock"
check "kinds: a provocation band is not share ± 2 SE" awk '{ for (k = 0; k < 2; k++) {
		p = $(2 + 4 * k) / 100; se = sqrt(p * (1 - p) / 2000)
		lo = p - 2 * se; if (lo < 0) lo = 0; hi = p + 2 * se; if (hi > 1) hi = 1
		if ((($(3 + 4 * k) / 100 - se)^2 > 1e-14) || (($(4 + 4 * k) / 100 - lo)^2 > 1e-14) ||
		    (($(5 + 4 * k) / 100 - hi)^2 > 1e-14)) exit 1 } }' "$tmp/pblock"
curves "$tmp/g.gp" > "$tmp/gtitles"
check "kinds: the curves are not the verdicts', the game's, the mediation's" \
	[ "$(tr '\n' '|' < "$tmp/gtitles")" = "SETTLE|BREAKDOWN|P(war)|P(atrocities)|leaders' gain|AGREEMENT|margin: gov|margin: reb|" ]
# the bands: the provocation's two shares and its mean gain (±2 SE, columns 11-12), the
# agreement's and both mean margins' (±2 SE, columns 12-13 and 14-15); each margin's 5%
# and 95% of the draws as thin lines (columns 7-8 and 10-11)
check "kinds: not a band for each share and margin" sh -c "
	grep -q 'chart2_run1 using 1:4:5 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart2_run1 using 1:8:9 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart2_run1 using 1:11:12 axes x1y2 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart3_run1 using (\$1\*100):4:5 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart3_run1 using (\$1\*100):12:13 axes x1y2 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart3_run1 using (\$1\*100):14:15 axes x1y2 with filledcurves' '$tmp/g.gp' &&
	grep -q 'chart3_run1 using (\$1\*100):7 axes x1y2 with lines .*dt 3 notitle' '$tmp/g.gp' &&
	grep -q 'chart3_run1 using (\$1\*100):11 axes x1y2 with lines .*dt 3 notitle' '$tmp/g.gp'"
check "kinds: the gain is not on the right axis" sh -c "
	grep -q 'chart2_run1 using 1:10 axes x1y2 with linespoints' '$tmp/g.gp' &&
	grep -q \"^set y2label 'leaders'' gain by provoking (mean)'\" '$tmp/g.gp'"
check "kinds: the provocation chart is not titled as its report" \
	grep -q "^set title 'sweep gov.reputation: provocation by reb against gov (2,000 draws a row)'" "$tmp/g.gp"

# ---- --y for each kind ----
# --y chooses for the kinds that draw it; the others keep their default: --y margins
# leaves the settlement and provocation charts as they were, the margins alone on a
# left axis in stake units; --y agreement the share alone in %
$scen plot "$g" --script --y margins > "$tmp/gm.gp" 2>"$tmp/err"
curves "$tmp/gm.gp" > "$tmp/t"
check "--y margins: not the margins alone (and the other kinds' defaults)" \
	[ "$(tr '\n' '|' < "$tmp/t")" = "SETTLE|BREAKDOWN|P(war)|P(atrocities)|leaders' gain|margin: gov|margin: reb|" ]
check "--y margins: the margins on a right axis, or on a % one" sh -c "
	grep -q 'chart3_run1 using (\$1\*100):6 with linespoints' '$tmp/gm.gp' &&
	sed -n '/^# chart 3/,\$p' '$tmp/gm.gp' | grep -q \"^set ylabel 'margin (≥ 0: accepts; thin: 5%, 95% of draws)'\" &&
	sed -n '/^# chart 3/,\$p' '$tmp/gm.gp' | grep -q '^set autoscale y\$' &&
	! sed -n '/^# chart 3/,\$p' '$tmp/gm.gp' | grep -q 'y2'"
$scen plot "$g" --script --y agreement > "$tmp/ga.gp" 2>"$tmp/err"
check "--y agreement: not AGREEMENT alone in the mediation chart" sh -c "
	[ \$(grep -c 'chart3_run1 using [^ ]* with linespoints' '$tmp/ga.gp') -eq 1 ] &&
	grep -q \"chart3_run1 using (\\\$1\*100):2 with linespoints.*title 'AGREEMENT'\" '$tmp/ga.gp'"
# pwar is both a settlement's and a provocation's: it chooses for both
$scen plot "$g" --script --y pwar > "$tmp/gw.gp" 2>"$tmp/err"
curves "$tmp/gw.gp" > "$tmp/t"
check "--y pwar: not P(war) in the settlement and provocation charts" \
	[ "$(tr '\n' '|' < "$tmp/t")" = "P(war)|P(war)|AGREEMENT|margin: gov|margin: reb|" ]
check "--y pwar: the provocation's P(war) without its band" \
	grep -q 'chart2_run1 using 1:4:5 with filledcurves' "$tmp/gw.gp"
$scen plot "$g" --script --y atrocities > "$tmp/gt.gp" 2>"$tmp/err"
check "--y atrocities: not P(atrocities) alone, with its band" sh -c "
	[ \$(grep -c 'chart2_run1 using [^ ]* with linespoints' '$tmp/gt.gp') -eq 1 ] &&
	grep -q \"chart2_run1 using 1:6 with linespoints.*title 'P(atrocities)'\" '$tmp/gt.gp' &&
	grep -q 'chart2_run1 using 1:8:9 with filledcurves' '$tmp/gt.gp'"
$scen plot "$g" --script --y gain > "$tmp/gg.gp" 2>"$tmp/err"
check "--y gain: not the gain alone, on an axis of its own" sh -c "
	[ \$(grep -c 'chart2_run1 using [^ ]* with linespoints' '$tmp/gg.gp') -eq 1 ] &&
	grep -q \"chart2_run1 using 1:10 with linespoints.*title 'leaders'' gain'\" '$tmp/gg.gp' &&
	sed -n '/^# chart 2/,/^# chart 3/p' '$tmp/gg.gp' | grep -q '^set autoscale y\$'"
$scen plot "$g" --script --y verdicts --y margins --y gain > /dev/null 2>"$tmp/err"
check "--y for each kind at once: refused: $(cat "$tmp/err")" [ ! -s "$tmp/err" ]
$scen plot "$k" --script --y pwar > /dev/null 2>"$tmp/err"
st=$?
check "--y pwar on a mediation sweep: status $st, not 2" [ $st -eq 2 ]
check "--y pwar on a mediation sweep: the error does not name its choices" \
	grep -q 'has none: a mediation sweep draws agreement or margins$' "$tmp/err"

# ---- with gnuplot: each kind drawn ----
if command -v gnuplot >/dev/null 2>&1; then
	$scen plot "$g" -o "$tmp/kinds.svg" > /dev/null 2>"$tmp/err"
	check "kinds svg: gnuplot said something: $(cat "$tmp/err")" [ ! -s "$tmp/err" ]
	# (a margin's 0 line has no title and no point: not a series)
	svg_series "$tmp/kinds.svg" 2>/dev/null | awk '$NF >= 0' > "$tmp/series"
	printf '%s\n' "SETTLE 9" "BREAKDOWN 9" "P(war) 9" "P(atrocities) 9" "leaders' gain 9" \
		"AGREEMENT 7" "margin: gov 7" "margin: reb 7" > "$tmp/want"
	if cmp -s "$tmp/want" "$tmp/series"; then ok; else
		bad "kinds svg: the series (title, points) differ:"
		diff "$tmp/want" "$tmp/series" | head -n 10
	fi
	$scen plot "$k" --mono -o "$tmp/kenya.png" > /dev/null 2>"$tmp/err"
	check "kenya png --mono: not a PNG: $(cat "$tmp/err")" \
		[ "$(od -An -c -N4 "$tmp/kenya.png" 2>/dev/null | tr -d ' ')" = '211PNG' ]
else
	skip=$((skip + 2))
fi

[ "$skip" -eq 0 ] || echo "plot: $skip skipped"
# ---- fonts: generic families only ----
"$scen" plot "$top/examples/island.scen" --script > "$tmp/fonts.gp" 2>> "$tmp/err"
grep -o "font '[^',]*" "$tmp/fonts.gp" | sed "s/^font '//" | grep -v '^$' | sort -u > "$tmp/families"
check "the script names no font family" [ -s "$tmp/families" ]
check "a font family that is not fontconfig's sans, serif or monospace: $(tr '\n' ' ' < "$tmp/families")" \
	sh -c '! grep -vqx "sans\|serif\|monospace" "$1"' sh "$tmp/families"
if command -v fc-match >/dev/null 2>&1; then
	while read -r family; do
		file=$(fc-match -f '%{file}' "$family")
		check "fc-match $family: no font file ($file)" [ -f "$file" ]
	done < "$tmp/families"
fi
finish
