#!/bin/sh
# tests/repl/run.sh: `scen repl` without a terminal, then through one.
#   - tests/golden/repl/NAME.in is fed on stdin to `scen repl [NAME.scen]` (the file when
#     tests/golden/repl/NAME.scen exists), run in a scratch folder holding a copy of every
#     tests/golden/repl/*.scen; stdout and stderr together, then `exit N` (the suite's
#     one convention for a status: tests/lib.sh), must be NAME.out exactly;
#   - a file the transcript saves as NAME.saved.scen must pass `scen check`;
#   - tests/repl/pty_test (built by make check) types at `scen repl` through a
#     pseudo-terminal; its own counts are added to these.
# REGEN=1 rewrites the .out files instead of comparing (check the diff by hand).
# The last line is `repl: N passed, M failed`.
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
pty=${PTY_TEST:-tests/repl/pty_test}
dir=$(cd "$srcdir/tests/golden/repl" && pwd) || exit 99
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scen-repl.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: repl: $1"; }

for input in "$dir"/*.in; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .in)
	rm -rf "$tmp/run" && mkdir "$tmp/run" && cp "$dir"/*.scen "$tmp/run/"
	file=
	[ -f "$dir/$name.scen" ] && file=$name.scen
	(cd "$tmp/run" && $scen repl $file < "$input" > out 2>&1; echo "exit $?" >> out)
	if [ -n "$REGEN" ]; then
		cp "$tmp/run/out" "$dir/$name.out"
	elif cmp -s "$dir/$name.out" "$tmp/run/out"; then
		ok
	else
		bad "$name"
		diff -u "$dir/$name.out" "$tmp/run/out" | sed 's/^/    /'
	fi
	if [ -f "$tmp/run/$name.saved.scen" ]; then
		if (cd "$tmp/run" && $scen check "$name.saved.scen"); then ok; else
			bad "$name: the saved file does not check"
		fi
	fi
done

# :help fits a terminal of 80 columns, every command in it
printf ':help\n' | $scen repl > "$tmp/help" 2>&1
if awk 'length > 80 { exit 1 }' "$tmp/help" && [ "$(grep -c '^  :' "$tmp/help")" -ge 11 ]; then
	ok
else
	bad ":help has a line over 80 columns or lacks commands"
	sed 's/^/    /' "$tmp/help"
fi

if [ -x "$pty" ]; then
	SCEN=$scen "$pty" > "$tmp/pty.out" 2>&1
	rc=$?
	grep -v '^pty: [0-9]* passed' "$tmp/pty.out"
	counts=$(sed -n 's/^pty: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$tmp/pty.out")
	if [ $rc -eq 77 ]; then
		echo "pty: skipped (no pseudo-terminal)"
	elif [ -n "$counts" ]; then
		pass=$((pass + ${counts% *}))
		fail=$((fail + ${counts#* }))
		[ $rc -eq 0 ] || [ "${counts#* }" -ne 0 ] || bad "pty_test exited with $rc"
	else
		bad "pty_test exited with $rc and no counts"
	fi
else
	bad "$pty not built"
fi

echo "repl: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
