#!/bin/sh
# tests/docs/run.sh: the documentation says what the code does.
#  - the attribute tables in docs/language.md (between the attrs markers) are exactly
#    `scen attrs --markdown`: the checker's table is the one source of both;
#  - every subcommand named in `scen --help` is described in docs/language.md and scen.1;
#  - the man page renders without warnings.
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: docs: $*"; }

doc=$srcdir/docs/language.md
tables=$(sed -n '/<!-- attrs:begin -->/,/<!-- attrs:end -->/p' "$doc" | sed '1d;$d')
generated=$("$scen" attrs --markdown)
if [ -n "$generated" ] && [ "$tables" = "$generated" ]; then ok; else
	bad "attribute tables in docs/language.md differ from 'scen attrs --markdown'"
	printf '%s\n' "$generated" > "${TMPDIR:-/tmp}/scen-attrs.$$"
	printf '%s\n' "$tables" | diff -u - "${TMPDIR:-/tmp}/scen-attrs.$$" | head -n 20
	rm -f "${TMPDIR:-/tmp}/scen-attrs.$$"
fi
for cmd in $("$scen" --help | awk '/^commands:/ { s = 1; next } s && /^  [a-z]/ { print $1 } /^$/ && s { s = 0 }'); do
	if grep -q "scen $cmd" "$doc" && grep -q "$cmd" "$srcdir/docs/scen.1"; then ok; else
		bad "command '$cmd' is not documented"
	fi
done
if command -v man >/dev/null 2>&1; then
	w=$(LC_ALL=C MANWIDTH=80 man --warnings -l "$srcdir/docs/scen.1" 2>&1 >/dev/null)
	if [ -z "$w" ]; then ok; else bad "man page warnings: $w"; fi
fi
echo "docs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
