#!/bin/sh
# tests/mutate/validate.sh: every mutation of tests/mutate/mutations still finds its text,
# once, in its file (`make mutate-validate`), so that a change that moves code updates
# the list in the same commit rather than breaking the next `make mutate`. Skipped
# without python3.
srcdir=${srcdir:-.}
command -v python3 >/dev/null 2>&1 || { echo "mutate: python3 missing, skipped"; exit 77; }
python3 "$srcdir/tests/mutate/mutate.py" --srcdir "$srcdir" --validate
