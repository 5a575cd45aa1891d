# tests/lib.sh: what every shell harness of the suite shares. Source it with NAME set to
# the harness's name (messages say "FAIL: NAME: ..."):
#   NAME=run/determinism; . "$srcdir/tests/lib.sh"
# It sets srcdir, scen (the program under test: $SCEN, else ./scen), tmp (a scratch
# folder removed on exit) and have_python; check DESCRIPTION COMMAND... counts a pass
# when the command succeeds and prints FAIL with the description when it does not;
# finish prints "NAME: N passed, M failed" and exits 0 only when none failed.
# One convention for an expected exit status, in every harness: an expected output
# whose command may exit nonzero ends with the line `exit N` (errors/*.err, the REPL's
# transcripts, diff goldens); one without such a line expects 0 (run, fmt, flip, tables).
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scen-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $NAME: $*"; }
check() { # check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@"; then ok; else bad "$what"; fi
}
finish() {
	echo "$NAME: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
# interrupt PID SECONDS: Ctrl-C to the background job PID after SECONDS, then up to 10 s
# for it to end (killed after that); sets st, its status, and waited, in tenths of a
# second after the signal.
interrupt() {
	sleep "$2"
	kill -INT "$1"
	waited=0
	while kill -0 "$1" 2>/dev/null && [ $waited -lt 100 ]; do
		sleep 0.1
		waited=$((waited + 1))
	done
	kill -0 "$1" 2>/dev/null && kill -KILL "$1"
	wait "$1"
	st=$?
}
have_python=false
command -v python3 >/dev/null 2>&1 && have_python=true
