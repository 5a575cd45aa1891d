#!/bin/sh
# tests/run/named.sh: a named distribution (`let x = uniform(…)`, drawn with `~`) draws exactly what
# the distribution written in place draws; run, check -v, export, textconv, diff, plot
# and the REPL all run on it.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/named: N passed, M failed`.
NAME=run/named
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- named distributions: drawn as if written in place; every command runs ----
named=$dir/named.scen
sed -e 's/cost ~ peril;/cost ~ if true then uniform(10, 30) else normal(20, 5);/' \
    -e 's/cost ~ risky private/cost ~ uniform(0, spread + 20) private/' \
    -e 's/cost ~ hurt }/cost ~ uniform(10, 30) }/' "$named" > "$tmp/inplace.scen"
$scen run "$named" > "$tmp/named.out" 2>"$tmp/named.err"
check "named distributions: run exited $? ($(head -c 200 "$tmp/named.err"))" [ -s "$tmp/named.out" ]
$scen run "$tmp/inplace.scen" > "$tmp/inplace.out" 2>>"$tmp/err"
check "named distributions: not drawn as the distributions written in place" \
	cmp -s "$tmp/named.out" "$tmp/inplace.out"
# every command that evaluates the file: a located error or success, never a signal
for cmd in "check -v" "run --format json" "run --format csv" "export --efg" "textconv" \
	"diff $tmp/inplace.scen"; do
	$scen $cmd "$named" > /dev/null 2>&1
	st=$?
	check "named distributions: \`scen $cmd\` exited $st" [ $st -eq 0 ]
done
printf ':report\n:show risky\ngov.cost ~ hurt\n:report\n' |
	$scen repl "$named" > "$tmp/repl.out" 2>&1
st=$?
check "named distributions: the REPL exited $st" [ $st -eq 0 ]
check "named distributions: the REPL did not report twice" \
	test "$(grep -c '^settlement gov vs reb over land' "$tmp/repl.out")" -eq 2
if command -v gnuplot >/dev/null 2>&1; then
	$scen plot "$named" -o "$tmp/named.svg" > /dev/null 2>&1
	st=$?
	check "named distributions: \`scen plot\` exited $st" [ $st -eq 0 ]
fi

finish
