#!/bin/sh
# tests/html/run.sh: `scen report` in a real browser. Each example and the golden
# sweeps of a mediation and a provocation report (with draws and without) and a map are
# written as a page, which headless Chromium loads (its DOM, as --dump-dom writes it)
# and, for the examples, draws (screenshots at a phone's width and a desktop's, and a
# print to PDF): one browser for all the pages, driven by layout.py through its
# DevTools pipe from a plan that run.sh writes (a line per page), then the checks:
#   - the DOM holds every report and sweep of the run, every chart's series, and
#     loads nothing (check.py, against the CSV of the same run); its title is the
#     file's, its source the file, its text reports `scen run`'s (check.py); with draws, every
#     series of a settlement's, a mediation's and a provocation's sweep chart has its
#     ±2 SE band, each edge where the CSV's SE puts it (P(war) and P(atrocities) of a
#     provocation: a share's SE); a DOM without a band, or with one too narrow, is
#     refused;
#   - its tornado charts hold the numbers of `scen sense FILE --format json` with the
#     same options and the run's draws up to 20,000 (sense_check.py); --sense-draws N
#     sets those; --no-sense leaves them out and says so;
#   - no message on the browser's console (a CSP violation, a bad resource, a script
#     error): the page's policy forbids every fetch, so a load would be reported there;
#     a page made to fail shows that such messages are seen;
#   - at a phone's width (390 CSS pixels) no element is wider than the screen but inside
#     a scroll container (a table or a <pre> that scrolls sideways), and no chart's text
#     is cut off by its <svg>; printed (the printer's media, an A4 page's 718 pixels
#     between 1 cm margins), nothing is wider than the paper at all (layout.py drives
#     the browser through its DevTools pipe and runs layout.js in the page; a page
#     made too wide shows that the check sees it);
#   - the examples' screenshots are PNG files with something drawn (not blank), and
#     their print to PDF a PDF: kept under tests/html/shots/ of the build tree, for a
#     person to look at;
#   - the page is the same at 1 and 3 threads, `-o -` writes it to stdout, and an output
#     that cannot be written is exit status 3 with nothing left behind.
# Without chromium or python3 (which drives it and reads the DOM) the browser's checks
# are skipped, with a message.
# The last line is `html: N passed, M failed`.
NAME=html
. "${srcdir:-.}/tests/lib.sh"
shots=$PWD/tests/html/shots

# ---- without a browser ----
g=$srcdir/tests/golden/run
"$scen" report "$srcdir/examples/kosovo.scen" --draws 2000 --threads 1 -o "$tmp/k1.html" \
	> "$tmp/said" 2> "$tmp/err"
check "report: exit status $? or not 'k1.html: 3 reports'" \
	grep -q "k1.html: 3 reports\$" "$tmp/said"
"$scen" report "$srcdir/examples/kosovo.scen" --draws 2000 --threads 3 -o - > "$tmp/k3.html" 2>> "$tmp/err"
check "the page differs at 1 and 3 threads (or with -o -)" cmp -s "$tmp/k1.html" "$tmp/k3.html"
check "no viewport meta or print styles" \
	sh -c 'grep -q "<meta name=\"viewport\"" "$0" && grep -q "@media print" "$0"' "$tmp/k1.html"
mkdir "$tmp/ro" && touch "$tmp/ro/x.html" && chmod a-w "$tmp/ro/x.html"
"$scen" report "$srcdir/examples/kenya.scen" -o "$tmp/ro/x.html" 2> "$tmp/roerr"
st=$?
check "a read-only output: exit $st, not 3, or not said" \
	sh -c '[ "$0" -eq 3 ] && grep -q "scen report: cannot write" "$1"' $st "$tmp/roerr"
"$scen" report "$srcdir/examples/kenya.scen" -o "$tmp/none/x.html" 2> /dev/null
st=$?
check "an output in no folder: exit $st, not 3" [ $st -eq 3 ]
check "a failed write left a file behind" [ "$(ls "$tmp/ro")" = "x.html" ]
grep -q 'class="tornado-row"' "$tmp/k1.html"
check "kosovo (uncertain): no tornado in its page" [ $? -eq 0 ]
"$scen" report "$srcdir/examples/kosovo.scen" --draws 2000 --no-sense -o - > "$tmp/ns.html" 2>> "$tmp/err"
check "--no-sense: a tornado, or no note that it is left out" sh -c \
	'! grep -q "class=\"tornado" "$0" && grep -q "sensitivity: left out (--no-sense)" "$0"' "$tmp/ns.html"
"$scen" report "$srcdir/examples/kosovo.scen" --draws 2000 --sense-draws 500 -o - 2>> "$tmp/err" |
	grep -o '<div class="sense"[^>]*>' | sort -u > "$tmp/said"
check "--sense-draws 500: $(cat "$tmp/said")" \
	[ "$(cat "$tmp/said")" = '<div class="sense" data-seed="1999" data-draws="500">' ]
# Ctrl-C during the sensitivity (10^8 draws: minutes; the run's 2,000: a moment): the
# page is written without it and says so, status 130
"$scen" report "$srcdir/examples/kosovo.scen" --draws 2000 --sense-draws 100000000 \
	-o "$tmp/int.html" > "$tmp/int.out" 2>&1 &
interrupt $! 3
check "Ctrl-C during the sensitivity: exit $st, not 130, or not said: $(cat "$tmp/int.out")" sh -c \
	'[ "$0" -eq 130 ] && grep -q "int.html: 3 reports (interrupted: without the sensitivity)\$" "$1" &&
	 grep -q "sensitivity: not computed: interrupted" "$2" && ! grep -q "class=\"tornado" "$2"' \
	$st "$tmp/int.out" "$tmp/int.html"
"$scen" report "$srcdir/examples/kenya.scen" -o - > "$tmp/kenya.html" 2>> "$tmp/err"
check "kenya (exact): a tornado or a note of one in its page" sh -c \
	'! grep -q "class=\"tornado\|sensitivity:" "$0"' "$tmp/kenya.html"
[ -s "$tmp/err" ] && { bad "a report wrote to stderr"; sed 's/^/    /' "$tmp/err"; }

browser=${CHROMIUM:-}
for b in chromium chromium-browser google-chrome; do
	[ -n "$browser" ] && break
	command -v $b > /dev/null 2>&1 && browser=$b
done
if [ -z "$browser" ]; then
	echo "html: chromium not found (Debian: apt-get install chromium): the browser checks are skipped"
	finish
	exit $?
fi
if ! $have_python; then
	echo "html: python3 not found (it drives the browser, layout.py, and reads the DOM): the browser checks are skipped"
	finish
	exit $?
fi
# One browser for every page: layout.py runs the plan, a line per page (its URL, then
# what to make of it, tab-separated), and run.sh checks what it made. Chromium starts
# once, not once per DOM, layout, screenshot and print (about 40 starts, a minute).
plan=$tmp/plan
: > "$plan"
# plan URL JOB...: a line of the plan
plan() { (IFS='	'; echo "$*") >> "$plan"; }

# a page made to fail: its console messages must be seen
printf '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src %s"><img src="x.png"><p>x</p>\n' \
	"'none'" > "$tmp/bad.html"
plan "file://$tmp/bad.html" "console=$tmp/bad.console"
# a page made too wide, and a chart's label outside its <svg>: both must be seen
printf '<!DOCTYPE html><meta name="viewport" content="width=device-width"><div style="width:600px">x</div><svg width="100" height="20"><text x="90" y="15">cut</text></svg>\n' \
	> "$tmp/wide.html"
plan "file://$tmp/wide.html" "layout=$tmp/wide.layout@390"

mkdir -p "$shots"
# page SHOTS NAME DIR FILE ARGS...: the page of FILE and what the checks read (its CSV,
# text report and `scen sense` JSON); in the plan its DOM, console and layout at a
# phone's width (and printed), and (SHOTS true) its print to PDF and screenshots
pages=
page() {
	shoot=$1 name=$2 d=$3 f=$4
	shift 4
	if ! (cd "$d" && "$scen" report "$f" -o "$tmp/$name.html" "$@" > /dev/null &&
	      "$scen" run "$f" --format csv "$@" > "$tmp/$name.csv" &&
	      "$scen" run "$f" "$@" > "$tmp/$name.txt"); then
		bad "$name: scen report or run failed"
		return
	fi
	# what the page's tornadoes should hold: `scen sense` with the same options, on the
	# run's draws up to 20,000; nothing to sense (no `~`): an empty JSON, and no tornado
	draws=$(grep -v '^#' "$tmp/$name.csv" | sed -n 2p | awk -F, '{ print $5 }')
	[ "${draws:-1}" -gt 20000 ] && draws=20000
	(cd "$d" && "$scen" sense "$f" --format json "$@" --draws "${draws:-1}" \
		> "$tmp/$name.json" 2> /dev/null) || : > "$tmp/$name.json"
	echo "$shoot $name $d/$f" > "$tmp/$name.page"
	pages="$pages $name"
	u=file://$tmp/$name.html
	if $shoot; then
		rm -f "$shots/$name.pdf" "$shots/$name".*.png
		plan "$u" "dom=$tmp/$name.dom" "console=$tmp/$name.console" \
			"layout=$tmp/$name.layout@390,718:print" "pdf=$shots/$name.pdf" \
			"shot=390x844@$shots/$name.390,844.png" "shot=1280x900@$shots/$name.1280,900.png"
	else
		plan "$u" "dom=$tmp/$name.dom" "console=$tmp/$name.console" \
			"layout=$tmp/$name.layout@390"
	fi
}
for f in "$srcdir"/examples/*.scen; do
	name=$(basename "$f" .scen)
	args=$(cat "$srcdir/tests/golden/examples/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086 # ARGS are words
	page true "$name" "$srcdir/examples" "$name.scen" $args
done
for name in mediation-sweep mediation-sweep-uncertain provocation-sweep \
	    provocation-sweep-uncertain map; do
	page false "$name" "$g" "$name.scen"
done

timeout 600 python3 "$srcdir/tests/html/layout.py" "$browser" "$plan" > "$tmp/browser.out" 2>&1
st=$?
if [ $st -eq 2 ]; then
	echo "html: the browser cannot be driven through its DevTools pipe: the browser checks are skipped"
	sed 's/^/    /' "$tmp/browser.out"
	finish
	exit $?
fi
check "layout.py: exit $st ($(tail -n 1 "$tmp/browser.out"))" [ $st -eq 0 ]

# the DOM layout.py takes is the one chromium --dump-dom writes (one page: one more start)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
	--dump-dom "file://$tmp/kosovo.html" > "$tmp/kosovo.dump-dom" 2> /dev/null
check "kosovo: layout.py's DOM is not --dump-dom's, byte for byte" \
	cmp -s "$tmp/kosovo.dom" "$tmp/kosovo.dump-dom"
check "a page that loads an image shows no console message (the check would see none)" \
	grep -q 'violates the following Content Security Policy' "$tmp/bad.console"
check "a page too wide for a phone, or a cut label, is not seen: $(cat "$tmp/wide.layout")" \
	sh -c 'grep -q "^390: wide div" "$0" && grep -q "^390: cut text .cut." "$0"' "$tmp/wide.layout"

# layout NAME VIEW...: layout.py's findings on page NAME at each VIEW, which should be
# none: only "VIEW: viewport W scroll W" for each
layout() {
	n=$1
	shift
	: > "$tmp/want"
	for v in "$@"; do
		w=${v%%:*}
		echo "$v: viewport $w scroll $w" >> "$tmp/want"
	done
	if cmp -s "$tmp/$n.layout" "$tmp/want"; then ok; else
		bad "$n at $*: wider than the page, or cut"
		grep -vxF -f "$tmp/want" "$tmp/$n.layout" | head -n 8 | sed 's/^/    /'
	fi
}
# checked NAME: the checks of page NAME on what the browser made of it
checked() {
	name=$1
	read -r shoot _ file < "$tmp/$name.page"
	check "$name: the browser wrote no DOM" [ -s "$tmp/$name.dom" ]
	if [ -s "$tmp/$name.console" ]; then
		bad "$name: console messages"
		sed 's/^/    /' "$tmp/$name.console"
	else
		ok
	fi
	if python3 "$srcdir/tests/html/check.py" "$tmp/$name.dom" "$tmp/$name.csv" \
		"$tmp/$name.txt" "$file" > "$tmp/said" 2>&1; then ok; else
		bad "$name: the DOM does not hold the run"
		tail -n 2 "$tmp/said" | sed 's/^/    /'
	fi
	if python3 "$srcdir/tests/html/sense_check.py" "$tmp/$name.dom" "$tmp/$name.json" \
		> "$tmp/said" 2>&1; then ok; else
		bad "$name: the tornadoes do not hold scen sense's numbers"
		tail -n 2 "$tmp/said" | sed 's/^/    /'
	fi
	if $shoot; then layout "$name" 390 718:print; else layout "$name" 390; fi
	$shoot || return 0
	check "$name: no print to PDF, or not a PDF" sh -c \
		'[ "$(head -c 5 "$0")" = "%PDF-" ] && [ "$(wc -c < "$0")" -gt 5000 ]' "$shots/$name.pdf"
	for size in 390,844 1280,900; do
		check "$name: no screenshot at $size, or not a PNG, or blank" sh -c \
			'[ "$(head -c 8 "$0" | od -An -c | tr -d " ")" = "211PNG\r\n032\n" ] &&
			 [ "$(wc -c < "$0")" -gt 20000 ]' "$shots/$name.$size.png"
	done
}
for name in $pages; do
	checked "$name"
done
# the bands of a provocation sweep's chart: each series has one, P(war)'s included (a
# share's SE, the CSV's: check.py checks it is sqrt(P(1 - P)/N)); without it, or with a band drawn
# from another SE (the edges of its first row moved by 1 pixel), check.py must refuse
if [ -s "$tmp/provocation-sweep-uncertain.dom" ]; then
	d=$tmp/provocation-sweep-uncertain
	check "provocation-sweep-uncertain: a series of its chart without a band" \
		[ "$(grep -c '<polygon class="band"' "$d.dom")" -eq "$(grep -c '<g class="series"' "$d.dom")" ]
	awk '/data-series="p_war"/ { drop = 1 } drop && /<polygon class="band"/ { drop = 0; next } 1' \
		"$d.dom" > "$tmp/noband.dom"
	check "a DOM whose P(war) has no band is accepted" \
		sh -c '! python3 "$1" "$2" "$3" > /dev/null 2>&1' sh "$srcdir/tests/html/check.py" \
		"$tmp/noband.dom" "$d.csv"
	awk '/data-series="p_war"/ { move = 1 }
	     move && /<polygon class="band"/ { match($0, /points="[0-9.]+,[0-9.]+/)
		split(substr($0, RSTART + 8, RLENGTH - 8), xy, ",")
		$0 = substr($0, 1, RSTART + 7) xy[1] "," sprintf("%.1f", xy[2] + 1) substr($0, RSTART + RLENGTH)
		move = 0 } 1' "$d.dom" > "$tmp/narrow.dom"
	check "a DOM whose P(war) band is 1 pixel off is accepted" \
		sh -c '! python3 "$1" "$2" "$3" > /dev/null 2>&1' sh "$srcdir/tests/html/check.py" \
		"$tmp/narrow.dom" "$d.csv"
fi
# the sweeps' x axes: a probability in % (kosovo: nato.chance_if_atrocities from 0% to
# 100% step 10%), else its values (island: troops from 0 to 1_200 step 200)
ticks() { grep -o '<text class="x-tick[^>]*>[^<]*' "$tmp/$1.dom" | sed 's/.*>//' | tr '\n' ' '; }
check "kosovo's sweep: x ticks '$(ticks kosovo)'" \
	[ "$(ticks kosovo)" = "0% 10% 20% 30% 40% 50% 60% 70% 80% 90% 100% " ]
check "island's sweep: x ticks '$(ticks island)'" \
	[ "$(ticks island)" = "0 200 400 600 800 1000 1200 " ]
# a page whose text report, source or title is not the run's is refused (check.py)
refused() { # refused WHAT SED: kosovo's DOM edited by SED must fail check.py
	sed "$2" "$tmp/kosovo.dom" > "$tmp/edited.dom"
	check "a DOM with $1 is accepted" sh -c '! cmp -s "$1" "$2" &&
		! python3 "$3" "$2" "$4" "$5" "$6" > /dev/null 2>&1' sh "$tmp/kosovo.dom" \
		"$tmp/edited.dom" "$srcdir/tests/html/check.py" "$tmp/kosovo.csv" \
		"$tmp/kosovo.txt" "$srcdir/examples/kosovo.scen"
}
refused "another verdict in a text report" '0,/verdicts (share of draws/s//verdicts (share of drawz/'
refused "an edited source" 's/^  seed  = 1999$/  seed  = 1998/'
refused "another title" 's|<h1>Kosovo 1998</h1>|<h1>Kosovo</h1>|'
# the legend names a series as the text report does (verdict.breakdown: BREAKDOWN)
check "kosovo's sweep: no BREAKDOWN in its legend" \
	grep -q '<li title="verdict.breakdown"><svg[^>]*>.*</svg>BREAKDOWN</li>' "$tmp/kosovo.dom"
finish
