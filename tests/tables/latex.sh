#!/bin/sh
# tests/tables/latex.sh: the LaTeX of `scen run --format latex` compiles. Every example
# (with a sweep, a mediation, a provocation game, draws and none) and a scenario whose
# title holds every character special to LaTeX are \input into one article with booktabs
# and built with pdflatex; the build must succeed without an error and the PDF must hold
# a table per report. Without pdflatex (Debian texlive-latex-recommended, which has
# booktabs) the test is skipped (status 77). The last line is `latex: N passed, M failed`.
NAME=latex
. "${srcdir:-.}/tests/lib.sh"
if ! command -v pdflatex >/dev/null 2>&1; then
	echo "latex: skipped: pdflatex is not installed (Debian texlive-latex-recommended)"
	exit 77
fi

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

{
	printf '\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n'
	for f in "$srcdir"/examples/*.scen "$tmp/special.scen"; do
		n=$(basename "$f" .scen)
		$scen run "$f" --format latex --draws 500 > "$tmp/$n.tex" 2>/dev/null ||
			bad "scen run $n --format latex exited $?"
		printf '\\input{%s}\n\\clearpage\n' "$n"
	done
	printf '\\end{document}\n'
} > "$tmp/doc.tex"

built() {
	(cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error doc.tex) \
		> "$tmp/pdflatex.log" 2>&1 || { tail -n 20 "$tmp/pdflatex.log"; return 1; }
}
check "pdflatex builds a document from every example's LaTeX" built
tables=$(cat "$tmp"/*.tex | grep -c '^\\begin{table}')
check "a table per report and per sweep ($tables)" [ "$tables" -ge 8 ]
check "the PDF exists" [ -s "$tmp/doc.pdf" ]
finish
