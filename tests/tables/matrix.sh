#!/bin/sh
# tests/tables/matrix.sh: every output format of every command that has formats, on
# every report kind, is well formed (wellformed.py says what that means per format):
#   kinds     a settlement (exact, and with draws), a screening (--types 4), a mediation,
#             a provocation, sweeps of the three, a two-attribute map, and
#             matrix/special.scen (every character special to LaTeX and Markdown in its
#             title, unit and names);
#   commands  run, diff (the file against itself with an edit), sense (a `~` file; an
#             exact one with --vary), merge (of the two shards' partials of `scen run`,
#             and of `scen sense`, for the files with `~`), flip (the files with a
#             settlement report outside sweeps);
#   formats   text, json, csv, markdown, latex: all that each command takes (its
#             --format table, cli/format.c).
# The JSON's and the CSV's digests are that of the CSV table of the same command
# (docs/json.md, Provenance), but scen flip's: that of the text it prints. With pdflatex
# (Debian texlive-latex-recommended) each LaTeX output is built, alone, into a document
# (booktabs, graphicx). Each checker is shown a corrupted output, which it must refuse.
# Without python3 the checks are skipped, with a message. The last line is
# `matrix: N passed, M failed`.
NAME=matrix
. "${srcdir:-.}/tests/lib.sh"
if ! $have_python; then
	echo "matrix: python3 not found: the well-formedness checks are skipped"
	finish
	exit
fi
wf=$srcdir/tests/tables/wellformed.py
g=$srcdir/tests/golden/run
have_latex=false
command -v pdflatex > /dev/null 2>&1 && have_latex=true
$have_latex || echo "matrix: pdflatex not found (Debian texlive-latex-recommended): the LaTeX is checked, not built"

# well FORMAT OUT DIR [--digest-of F]: wellformed.py accepts OUT
well() {
	fmt=$1 out=$2 d=$3
	shift 3
	if python3 "$wf" "$fmt" "$out" --dir "$d" "$@" > "$tmp/said" 2>&1; then ok; else
		bad "$(cat "$tmp/said")"
	fi
}

# built TEX: pdflatex builds an article that \input's TEX alone
built() {
	bn=$(basename "$1" .latex)
	printf '\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{graphicx}\n\\begin{document}\n\\input{%s.latex}\n\\end{document}\n' \
		"$bn" > "$tmp/doc-$bn.tex"
	if (cd "$tmp" && pdflatex -draftmode -interaction=nonstopmode -halt-on-error \
		"doc-$bn.tex") > "$tmp/doc-$bn.out" 2>&1; then ok; else
		bad "$bn.latex: pdflatex fails"
		grep -A 3 '^!' "$tmp/doc-$bn.out" | head -n 6 | sed 's/^/    /'
	fi
}

# emit NAME DIR COMMAND...: each format of the command into $tmp/NAME.FORMAT (a diff
# exits 1 when the versions differ), then every one checked; the JSON's and the CSV's
# digest against the CSV's table (flip: its text)
emit() {
	en=$1 d=$2
	shift 2
	for fmt in text json csv markdown latex; do
		(cd "$d" && "$scen" "$@" --format $fmt) > "$tmp/$en.$fmt" 2> "$tmp/$en.err"
		st=$?
		if [ $st -ne 0 ] && ! { [ "$1" = diff ] && [ $st -eq 1 ]; }; then
			bad "$en: scen $* --format $fmt exited $st: $(head -n 2 "$tmp/$en.err")"
			continue
		fi
		[ -s "$tmp/$en.err" ] && bad "$en: scen $* --format $fmt wrote to stderr: $(head -n 2 "$tmp/$en.err")"
	done
	grep -v '^#' "$tmp/$en.csv" > "$tmp/$en.table"
	of=$tmp/$en.table
	[ "$1" = flip ] && of=$tmp/$en.text
	well text "$tmp/$en.text" "$d"
	well json "$tmp/$en.json" "$d" --digest-of "$of"
	well csv "$tmp/$en.csv" "$d" --digest-of "$of"
	well markdown "$tmp/$en.markdown" "$d"
	well latex "$tmp/$en.latex" "$d"
	! $have_latex || built "$tmp/$en.latex"
}

# kind NAME DIR FILE ARGS -- SET -- SENSE -- FLIP: every command on FILE (in DIR, with
# the run options ARGS): diff with --set SET, sense with SENSE (--vary ..., nothing for
# a file with `~`, or none: every report is inside a sweep, which scen sense refuses,
# tests/errors/sense-swept*), flip of FLIP (none: the file has no settlement report
# outside sweeps); the merges of the file's shards
kind() {
	n=$1 d=$2 f=$3
	shift 3
	args=
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	shift
	set_=$1 sense=$3 flip=$5
	# shellcheck disable=SC2086 # ARGS are words
	emit "$n-run" "$d" run "$f" $args
	# shellcheck disable=SC2086
	emit "$n-diff" "$d" diff "$f" "$f" --set "$set_" $args
	# shellcheck disable=SC2086
	[ "$sense" = none ] || emit "$n-sense" "$d" sense "$f" $sense $args
	# shellcheck disable=SC2086
	[ "$flip" = none ] || emit "$n-flip" "$d" flip "$f" "$flip" $args
	for i in 1 2; do
		# shellcheck disable=SC2086
		(cd "$d" && "$scen" run "$f" $args --shard $i/2 -o "$tmp/$n-$i.part" --force) ||
			bad "$n: scen run --shard $i/2 exited $?"
	done
	emit "$n-merge" "$d" merge "$tmp/$n-1.part" "$tmp/$n-2.part"
	[ -n "$sense" ] && return
	for i in 1 2; do
		# shellcheck disable=SC2086
		(cd "$d" && "$scen" sense "$f" $args --shard $i/2 -o "$tmp/$n-s$i.part" --force) ||
			bad "$n: scen sense --shard $i/2 exited $?"
	done
	emit "$n-merge-sense" "$d" merge "$tmp/$n-s1.part" "$tmp/$n-s2.part"
}

kind settle-exact "$g" interstate.scen -- russia.cost=20 -- "--vary estonia.cost" -- russia.belief
kind settle-draws "$g" se-few-draws.scen -- gov.cost=30 -- "" -- reb.belief
kind screening "$g" fearon-k4.scen --types 4 -- gov.cost=0.2 -- "" -- gov.cost
kind mediation "$g" mediation-uncertain.scen -- odinga.cost=30 -- "" -- none
kind provocation "$g" provocation-disagreement-draws.scen --draws 1000 \
	-- gov.capacity=80% -- "" -- gov.belief
kind sweep-settle "$srcdir/examples" kosovo.scen --draws 500 -- serbia.cost=20 -- "" -- kla.belief
kind sweep-mediation "$g" mediation-sweep-uncertain.scen --draws 1000 -- odinga.cost=30 -- none -- none
kind sweep-provocation "$g" provocation-sweep-uncertain.scen --draws 1000 \
	-- gov.belief=30% -- none -- none
kind map "$g" map.scen -- gov.cost=20 -- none -- none
kind special "$srcdir/tests/tables/matrix" special.scen -- reb_b.cost=20 -- "" -- reb_b.belief

# What the checks above found, fixed (report/table.c, report/sense.c):
# a diff of a map: a table per cell (11 × 11 in the first map, 1 × 6 in the second), each
# captioned with its cell's two values, not only the first
check "map-diff: each cell's table names its second value ($(grep -c '^### .*, gov\.belief = ' "$tmp/map-diff.markdown"))" \
	[ "$(grep -c '^### settlement gov vs reb, sweep reb\.belief = [0-9.]*, gov\.belief = [0-9.]*$' "$tmp/map-diff.markdown")" -eq 127 ]
# the REPL's :sense of a file whose reports are all in sweeps says so (scen sense
# refuses such a file before the run: tests/errors/sense-swept*)
printf ':load %s\n:sense\n' "$g/mediation-sweep-uncertain.scen" |
	"$scen" repl > "$tmp/repl-sense.text" 2>&1
check "repl :sense of a file with only sweeps: no note that there is nothing to analyse" \
	grep -q "no report outside sweeps: scen sense analyses a file's own reports" \
	"$tmp/repl-sense.text"

# ---- each checker refuses a corrupted output ----
# refused FORMAT FILE WHAT REASON: wellformed.py must refuse FILE, saying REASON (an
# extended regular expression)
refused() {
	if python3 "$wf" "$1" "$2" --dir "$tmp" > "$tmp/said" 2>&1; then
		bad "a corrupted $1 output is accepted ($3)"
	elif grep -Eq -- "$4" "$tmp/said"; then ok; else
		bad "a corrupted $1 output ($3) is refused for another reason: $(cat "$tmp/said")"
	fi
}
c=$tmp/special-run
printf 'a\001b\n' > "$tmp/bad.text"
refused text "$tmp/bad.text" "a control character" \
	'control character'
sed 's/"draws": [0-9]*/"draws": NaN/' "$c.json" > "$tmp/bad.json"
refused json "$tmp/bad.json" "NaN" \
	'JSON has no NaN'
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); del d["provenance"]["digest"]; print(json.dumps(d))' \
	"$c.json" > "$tmp/bad2.json"
refused json "$tmp/bad2.json" "no digest" \
	"provenance has no 'digest'"
awk '!/^#/ && ++n == 3 { $0 = $0 ",x" } 1' "$c.csv" > "$tmp/bad.csv"
refused csv "$tmp/bad.csv" "a row longer than the header" \
	'row 3 has 11 fields, the header 10'
grep -v '^# digest' "$c.csv" > "$tmp/bad2.csv"
refused csv "$tmp/bad2.csv" "no digest line" \
	"no '# digest' line"
sed '0,/,verdict\.settle,1,/s/,verdict\.settle,1,/,verdict.settle,0.5,/' "$c.csv" > "$tmp/bad3.csv"
refused csv "$tmp/bad3.csv" "a number changed under its digest" \
	'not the SHA-256 of its table'
printf 'x_min  nan\n' > "$tmp/bad2.text"
refused text "$tmp/bad2.text" "a nan" \
	"prints 'nan'"
sed '0,/^|:/{/^|:/d}' "$c.markdown" > "$tmp/bad.markdown"
refused markdown "$tmp/bad.markdown" "a table without its rule" \
	'line 8: not a rule'
awk '!done && /^\| verdict/ { $0 = $0 " x |"; done = 1 } 1' "$c.markdown" > "$tmp/bad2.markdown"
refused markdown "$tmp/bad2.markdown" "a row with a cell more" \
	'line 9: 3 cells, the head has 2'
sed '0,/gov\\_a/s/gov\\_a/gov_a/' "$c.latex" > "$tmp/bad.latex"
refused latex "$tmp/bad.latex" "an unescaped _" \
	'line 8: an unescaped _'
grep -v '^\\bottomrule' "$c.latex" > "$tmp/bad2.latex"
refused latex "$tmp/bad2.latex" "no \\bottomrule" \
	'not toprule, midrule, bottomrule'
sed '0,/\\end{table}/s/\\end{table}//' "$c.latex" > "$tmp/bad3.latex"
refused latex "$tmp/bad3.latex" "a \\begin{table} never ended" \
	'table.* is never ended'
sed '0,/\\caption{/s/\\caption{/\\caption{R\&D /' "$c.latex" > "$tmp/bad4.latex"
refused latex "$tmp/bad4.latex" "an & outside a tabular" \
	'line 8: an & outside a tabular'
awk '!done && /^verdict/ { sub(/\\%/, "%"); done = 1 } 1' "$c.latex" > "$tmp/bad5.latex"
refused latex "$tmp/bad5.latex" "a % that cuts a cell short" \
	'line 13: a % cuts the line short'
awk '!done && /^verdict/ { sub(/\$\\pm\$/, "$\\pm"); done = 1 } 1' "$c.latex" > "$tmp/bad6.latex"
refused latex "$tmp/bad6.latex" "a \$ left open" \
	'line 13: a [$] outside'
finish
