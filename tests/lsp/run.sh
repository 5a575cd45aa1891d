#!/bin/sh
# tests/lsp/run.sh: `scen lsp` in real sessions over stdio, driven by a scripted client
# in Python (tests/lsp/run.py, standard library only; its header lists the groups).
# The last line is `lsp: N passed, M failed`; without python3 the test is skipped
# (status 77).
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
if ! command -v python3 >/dev/null 2>&1; then
	echo "lsp: skipped: python3 is not installed (./bootstrap installs it)"
	exit 77
fi
exec python3 "$srcdir/tests/lsp/run.py" "$scen" "$srcdir"
