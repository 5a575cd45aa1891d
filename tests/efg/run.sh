#!/bin/sh
# tests/efg/run.sh: `scen export --efg` is exact (core.md §4, "Exact means rational"):
# for every provocation golden (tests/golden/run/provocation-*.scen, and
# tests/run/game.scen, and tests/efg/*.scen), every example with a `report provocation` and 200 random draws
# of each such example with `~` values, an exact-rational backward induction of the
# exported file (check.py, Python's fractions.Fraction) gives scen's path and its ties;
# and a file without a provocation game is refused. The last line is
# `efg: N passed, M failed`; without python3 the test is skipped (status 77).
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
if ! command -v python3 >/dev/null 2>&1; then
	echo "efg: skipped: python3 is not installed (./bootstrap installs it)"
	exit 77
fi
exec python3 "$srcdir/tests/efg/check.py" "$scen" "$srcdir"
