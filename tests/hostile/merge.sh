#!/bin/sh
# tests/hostile/merge.sh: `scen merge` against tampered partials (issue 12). Every
# tampering of tests/hostile/tamper.py's list (counts that do not add up, counts and
# sums at 2^63 − 1 or beyond their range, a shard claiming all units, a changed seed, a
# sample of the wrong size, a file cut short, ...) must exit 1 with its exact message,
# both with the partial's digest recomputed (the invariant catches it) and as it is
# (the digest does: "damaged"); a partial re-indented must still merge. Needs python3
# (to tamper, and to recompute digests): without it the suite is skipped (status 77).
# The last line is `hostile: N passed, M failed`.
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
if ! command -v python3 > /dev/null 2>&1; then
	echo "hostile merge: python3 is not installed: the tampering suite is skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scen-hostile.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
python3 "$srcdir/tests/hostile/tamper.py" "$scen" "$srcdir" "$tmp"
