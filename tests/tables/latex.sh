#!/bin/sh
# tests/tables/latex.sh: the tables of every command that prints them compile, and read
# as pipe tables. One article with booktabs \input's the LaTeX of
#   - `scen run --format latex` of every example (with a sweep, a mediation, a provocation
#     game, draws and none), of a scenario whose title holds every character special
#     to LaTeX, and of tests/golden/tables/hostile.scen (a title and names of Markdown's
#     and LaTeX's markup);
#   - `scen diff`: an example against itself with --set (an added attribute), the
#     special scenario against an edited copy (a title with a | and a cost changed), and
#     tests/golden/diff/hostile.old.scen against hostile.new.scen (two hostile titles,
#     typeset in the model table's cells);
#   - `scen merge` of the two shards' partials of an example, which must also print what
#     `scen run --format latex` prints, byte for byte (and its Markdown run's Markdown,
#     with pdflatex or without);
#   - `scen sense` of every example with `~`, of kenya and of the special scenario with
#     --vary (a mediation; no draws);
#   - `scen flip` of an exact file (sides) and of one with `~` (crossings);
# and pdflatex must build it without an error, the PDF holding a table per report; with
# graphicx no table may be wider than the line (no "Overfull \hbox" in the log: a wide
# one is shrunk to fit), and without graphicx the document must build too.
# Then the Markdown of each command (run, diff, merge, sense, flip) must be pipe tables:
# after a blank line, a head, a rule (|:---|---:|), and as many cells on every row
# (a \| in a cell is text, not a column); and with pandoc (Debian pandoc), Pandoc's
# Markdown and GitHub's (gfm) must read the hostile titles and names back as they are
# written in the .scen files, no markup read into them (md_literal.py).
# Without pdflatex (Debian texlive-latex-recommended, which has booktabs) the LaTeX
# checks are skipped (status 77 when nothing else ran). The last line is
# `latex: N passed, M failed`.
NAME=latex
. "${srcdir:-.}/tests/lib.sh"
ex=$srcdir/examples
g=$srcdir/tests/golden

# A title with a new line, the ten special characters and the report's UTF-8 (·, −)
# reaches the document escaped, in a comment that a new line would end: an unescaped
# line of it would stop pdflatex.
cat > "$tmp/special.scen" <<'SCEN'
scenario "100% of A & B:\n x_1 #2 {$} ~^\\ <> · −" { unit = "m$ & %" }
stake s { value = 100 }
actor gov : state { cost = 20 }
actor reb : rebels { cost = 10 }
conflict gov vs reb over s { win = 30% }
SCEN
# The same, edited: a title with a | (a column of Markdown, were it not escaped) and a
# cost, so that the diff's model table and its results hold text and numbers.
sed -e 's/^scenario "100%/scenario "a | b, 100%/' -e 's/cost = 20/cost = 35/' \
	"$tmp/special.scen" > "$tmp/special-edited.scen"

# emit FORMAT NAME COMMAND...: the command's output in $tmp/NAME.FORMAT (FORMAT tex or
# md), a failure when it exits with an error (`scen diff` exits 1 for "they differ", as
# these do).
emit() {
	fmt=$1 n=$2
	shift 2
	"$scen" "$@" > "$tmp/$n.$fmt" 2> "$tmp/$n.err"
	st=$?
	[ $st -eq 0 ] || { [ "$1" = diff ] && [ $st -eq 1 ]; } ||
		bad "scen $* exited $st: $(cat "$tmp/$n.err")"
}

# every command's tables in format (latex or markdown), FMT the extension (tex or md)
tables() {
	format=$1 fmt=$2
	for f in "$ex"/*.scen "$tmp/special.scen" "$g/tables/hostile.scen"; do
		emit "$fmt" "run-$(basename "$f" .scen)" run "$f" --format "$format" --draws 500
	done
	emit "$fmt" diff-darfur diff "$ex/darfur.scen" "$ex/darfur.scen" --set sla.belief=30% \
		--draws 500 --format "$format"
	emit "$fmt" diff-special diff "$tmp/special.scen" "$tmp/special-edited.scen" \
		--format "$format"
	emit "$fmt" diff-hostile diff "$g/diff/hostile.old.scen" "$g/diff/hostile.new.scen" \
		--format "$format"
	emit "$fmt" merge-kosovo merge "$tmp/a.json" "$tmp/b.json" --format "$format"
	for f in "$ex"/*.scen; do
		grep -q '~' "$f" &&
			emit "$fmt" "sense-$(basename "$f" .scen)" sense "$f" --draws 500 --format "$format"
	done
	emit "$fmt" sense-kenya sense "$ex/kenya.scen" --vary kibaki.cost=5:20 --format "$format"
	emit "$fmt" sense-special sense "$tmp/special.scen" --vary gov.cost --format "$format"
	emit "$fmt" flip-island flip "$ex/island.scen" rival.cost --format "$format"
	emit "$fmt" flip-level flip "$g/flip/level.scen" gov.belief --format "$format"
}

for i in 1 2; do
	[ $i = 1 ] && part=a || part=b
	"$scen" run "$ex/kosovo.scen" --draws 500 --shard $i/2 -o "$tmp/$part.json" ||
		bad "scen run kosovo --shard $i/2 exited $?"
done

# is_pipe_tables FILE: every run of lines starting with | is a pipe table, after a
# blank line: a head, a rule of ---, rows, each with the head's count of cells.
is_pipe_tables() {
	awk '
	function ncells(s) { gsub(/\\\\/, "", s); gsub(/\\\|/, "", s); return gsub(/\|/, "|", s) - 1 }
	function end_table() { if (inside && row < 2) { print FILENAME ": table at line " start " has no rule"; bad = 1 } inside = 0 }
	/^\|/ {
		n = ncells($0)
		if (!inside) {
			inside = 1; cols = n; row = 0; start = NR; tables++
			if (prev != "") { print FILENAME ":" NR ": no blank line before the table"; bad = 1 }
		}
		row++
		if (n != cols) { print FILENAME ":" NR ": " n " cells, the head has " cols; bad = 1 }
		if (row == 2 && $0 !~ /^\|(:?---+:?\|)+$/) { print FILENAME ":" NR ": not a rule"; bad = 1 }
		prev = $0
		next
	}
	{ end_table(); prev = $0 }
	END { end_table(); if (!tables) { print FILENAME ": no table"; bad = 1 } exit bad }' "$1"
}

tables markdown md
for f in "$tmp"/*.md; do
	check "$(basename "$f" .md): pipe tables" is_pipe_tables "$f"
done
check "a | in a cell of the diff's model table is escaped" grep -q '"a \\| b, 100' "$tmp/diff-special.md"
"$scen" run "$ex/kosovo.scen" --draws 500 --format markdown > "$tmp/kosovo-whole.markdown"
check "merge's Markdown is run's, byte for byte" cmp -s "$tmp/merge-kosovo.md" "$tmp/kosovo-whole.markdown"

# The titles of tests/golden/tables/hostile.scen (its new line a space) and of
# tests/golden/diff/hostile.*.scen, as written there (\\ is one backslash), and names.
if command -v pandoc >/dev/null 2>&1 && $have_python; then
	for from in markdown gfm; do
		pandoc -f $from -t html "$tmp/run-hostile.md" > "$tmp/run-hostile.$from.html"
		check "pandoc -f $from reads the hostile title and names of scen run back" \
			python3 "$srcdir/tests/tables/md_literal.py" "$tmp/run-hostile.$from.html" \
			'Hostile $1$ ~2~ ^3^ *4* _5_ [6](x) <b>7</b> |8| \9 `10` #11 %12 &13 {14} @c !i line 2' \
			'settlement gov_x_y vs reb__1' 'provocation by reb__1' 'verdict.no_threat'
		pandoc -f $from -t html "$tmp/diff-hostile.md" > "$tmp/diff-hostile.$from.html"
		check "pandoc -f $from reads the hostile titles of scen diff's model table back" \
			python3 "$srcdir/tests/tables/md_literal.py" "$tmp/diff-hostile.$from.html" \
			'Old $1$ ~2~ ^3^ *4* _5_ [6](x) <b>7</b> |8| \9 `10` #11 %12 &13 {14} @c !i' \
			'New a|b \\ {}} $$ ~~x~~ ^^ __u__ **b** [l]: <t> # & % @d ![i](j)' \
			'attribute gov_x_y.cost'
	done
else
	echo "latex: pandoc or python3 is not installed: the Markdown is not read back"
fi

if ! command -v pdflatex >/dev/null 2>&1; then
	echo "latex: pdflatex is not installed (Debian texlive-latex-recommended): the LaTeX is not compiled"
	finish
	exit
fi

tables latex tex
"$scen" run "$ex/kosovo.scen" --draws 500 --format latex > "$tmp/kosovo-whole.tex"
check "merge's LaTeX is run's, byte for byte" cmp -s "$tmp/merge-kosovo.tex" "$tmp/kosovo-whole.tex"
# document NAME PACKAGES: $tmp/NAME.ltx, an article with PACKAGES that \input's every
# command's tables, a page (or more) each
document() {
	{
		printf '\\documentclass{article}\n'
		for p in $2; do printf '\\usepackage{%s}\n' "$p"; done
		printf '\\begin{document}\n'
		for f in "$tmp"/*.tex; do
			n=$(basename "$f" .tex)
			[ "$n" = kosovo-whole ] && continue
			printf '\\section*{%s}\n\\input{%s}\n\\clearpage\n' "$n" "$n"
		done
		printf '\\end{document}\n'
	} > "$tmp/$1.ltx"
}
document doc "booktabs graphicx"
document plain booktabs

built() { # NAME
	(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error "$1.ltx") \
		> "$tmp/$1.pdflatex" 2>&1 || { tail -n 20 "$tmp/$1.pdflatex"; return 1; }
}
check "pdflatex builds a document from every command's LaTeX" built doc
check "no table is wider than the line with graphicx" sh -c '! grep -A 2 "^Overfull .hbox" "$1"' \
	sh "$tmp/doc.log"
check "the document builds without graphicx" built plain
for c in run diff merge sense flip; do
	n=$(cat "$tmp/$c"-*.tex | grep -c '^\\begin{table}')
	check "$c: its tables are in the document ($n)" [ "$n" -ge 2 ]
done
tables=$(grep -c '^\\begin{table}' "$tmp"/*.tex | awk -F: '{ s += $2 } END { print s }')
pages=$(grep -c '^\\clearpage' "$tmp/doc.ltx")
check "a table per report, sweep and fact ($tables, on $pages pages)" [ "$tables" -ge 40 ]
check "the PDF exists" [ -s "$tmp/doc.pdf" ]
[ -n "$SCEN_TABLES_PDF" ] && cp "$tmp/doc.pdf" "$SCEN_TABLES_PDF"
finish
