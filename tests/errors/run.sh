#!/bin/sh
# tests/errors/run.sh: the error corpus. Each NAME.scen is bad input; NAME.err holds the
# exact expected stderr of `scen check NAME.scen` run in this folder, then a last line
# `exit N`. NAME.args, when present, replaces the arguments (`check NAME.scen`); it is
# split by the shell (`check --werror NAME.scen` makes the warnings errors). Files under
# inc/ are helpers for imports, not cases.
# Every case must also print to stderr and exit 1, 2 or 3 (never a crash), or exit 0
# with warnings only: then its .err holds a `warning:` and no `error:` (a warning never
# changes the status).
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
dir=$srcdir/tests/errors
pass=0 fail=0
for input in "$dir"/*.scen; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .scen)
	args="check $name.scen"
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	actual=$(cd "$dir" && NO_COLOR=1 $scen $args 2>&1 >/dev/null; echo "exit $?")
	expected=$(cat "$dir/$name.err" 2>/dev/null)
	status=${actual##*exit }
	if [ "$status" -eq 0 ] && printf '%s\n' "$actual" | grep -q ': warning: ' &&
	   ! printf '%s\n' "$actual" | grep -q ': error: '; then
		status=warnings
	fi
	if [ "$actual" = "$expected" ] && { [ "$status" = warnings ] ||
	   { [ "$status" -ge 1 ] && [ "$status" -le 3 ]; }; }; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: errors/$name"
		printf '%s\n' "$expected" > "${TMPDIR:-/tmp}/scen-err-expected.$$"
		printf '%s\n' "$actual" | diff -u "${TMPDIR:-/tmp}/scen-err-expected.$$" - | sed 's/^/    /'
		rm -f "${TMPDIR:-/tmp}/scen-err-expected.$$"
	fi
done
echo "errors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
