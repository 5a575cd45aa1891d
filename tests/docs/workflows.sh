#!/bin/sh
# tests/docs/workflows.sh: the commands of docs/workflows.md work as written. Every line of
# its code blocks that starts with `scen ` (a trailing \ joins the next) and names only
# files under examples/ runs in a scratch folder (examples/ linked there, so what a
# command writes stays there) and must exit 0; those that draw (scen plot) need gnuplot
# and are skipped, with a message, without it. The page's promise that two --y for one
# kind of sweep is a usage error is held too (exit 2). The last line is
# `docs/workflows: N passed, M failed`.
NAME=docs/workflows
. "${srcdir:-.}/tests/lib.sh"
doc=$srcdir/docs/workflows.md
ln -s "$(cd "$srcdir/examples" && pwd)" "$tmp/examples"
have_gnuplot=false
command -v gnuplot > /dev/null 2>&1 && have_gnuplot=true
$have_gnuplot || echo "docs/workflows: gnuplot not found: the scen plot lines are not run"

# the page's command lines, one a line (continuations joined)
awk '/^```/ { inside = !inside; next }
     inside && (/^scen / || joining) {
	line = joining ? line " " $0 : $0
	if (sub(/\\$/, "", line)) { joining = 1; next }
	joining = 0; print line
     }' "$doc" > "$tmp/commands"
n=0
while IFS= read -r cmd; do
	# only the examples: no case.scen, cases/ or tables of the reader's
	words=$(printf '%s\n' "$cmd" | sed 's/#.*//' | tr ' ' '\n' | grep -E '\.(scen|csv)$|/')
	printf '%s\n' "$words" | grep -qv '^examples/[a-z]*\.scen$' && continue
	case $cmd in "scen plot "*) $have_gnuplot || continue ;; esac
	n=$((n + 1))
	[ -n "$SCEN_DOCS_VERBOSE" ] && echo "run: $cmd"
	(cd "$tmp" && PATH="$(dirname "$scen"):$PATH" sh -c "$cmd") > "$tmp/out" 2> "$tmp/err"
	st=$?
	check "'$cmd' exited $st: $(head -n 2 "$tmp/err")" [ $st -eq 0 ]
done < "$tmp/commands"
check "the page's commands ($n) are not found" [ "$n" -ge 10 ]
grep -q '^scen sense .*--set' "$tmp/commands" && grep -q '^scen flip .*--set' "$tmp/commands"
check "no scen sense and scen flip with --set on the page" [ $? -eq 0 ]
for y in verdicts pwar cause:NAME quantity:NAME; do
	check "the page does not show --y ${y%%:*}" grep -q -- "--y $y" "$doc"
done
"$scen" plot "$srcdir/examples/kosovo.scen" --draws 200 --y pwar --y cause:reputation \
	-o "$tmp/two.svg" 2> "$tmp/err"
st=$?
check "two --y for one kind: exit $st, not 2" [ $st -eq 2 ]
finish
