#!/bin/sh
# tests/run/patron.sh: "without the patron" gives the shares of the file with the patron deleted, and a
# tripwire on a private resolve scales every screened type.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/patron: N passed, M failed`.
NAME=run/patron
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run

# ---- "without the patron" is the file with the patron deleted (core.md §5) ----
# The same analysis, screening included: the shares of the "without the patron" line are
# the verdict shares of the same file without the patron's line (same draws).
# shares FILE: the nonzero verdict shares of a report's text, as "NAME SHARE ...".
shares() {
	sed -n 's/^    \(NO THREAT\|SETTLE\|BREAKDOWN\|RISK\)  *\([0-9.<>]*%\).*/\1 \2/p' "$1" |
		grep -v ' 0\.0%$' | tr '\n' ' ' | sed 's/ $//'
}
pp=$srcdir/tests/golden/run/patron-private.scen
$scen run "$pp" > "$tmp/with.txt" 2>>"$tmp/err"
sed '/^actor protector/d' "$pp" > "$tmp/deleted.scen"
$scen run "$tmp/deleted.scen" > "$tmp/deleted.txt" 2>>"$tmp/err"
without=$(sed -n 's/^  without the patron .*: //p' "$tmp/with.txt")
check "patron: 'without the patron' ($without) is not the file without it ($(shares "$tmp/deleted.txt"))" \
	test -n "$without" -a "$without" = "$(shares "$tmp/deleted.txt")"
# A tripwire on a private resolve scales every screened type's resolve, not only the
# drawn one's: the patron's file (troops 600: resolve × 0.85) reports what a file with the
# resolve's distribution scaled by 0.85 and the patron's intervention as an intervener's
# does (RISK in about 60% of the draws, so the screening decides it).
cat > "$tmp/tw.scen" <<'EOF'
import "tripwire"
stake s { value = 1 }
actor gov : state { cost = 0.02; belief = 20% }
actor reb : rebels { cost = 0.2; resolve ~ uniform(0.3, 0.6) private }
actor backer : patron { client = reb; troops = 600; chance = 40%; rebels_win_if_in = 80% }
conflict gov vs reb over s { win = 40% }
EOF
sed 's/uniform(0.3, 0.6)/uniform(0.255, 0.51)/; s/: patron { client = reb; troops = 600;/: intervener {/
     /^import/d' "$tmp/tw.scen" > "$tmp/scaled.scen"
$scen run "$tmp/tw.scen" 2>>"$tmp/err" | grep -v '^  without the patron' > "$tmp/tw.txt"
$scen run "$tmp/scaled.scen" > "$tmp/scaled.txt" 2>>"$tmp/err"
check "patron: a tripwire on a private resolve is not the resolve scaled" \
	cmp -s "$tmp/tw.txt" "$tmp/scaled.txt"
check "patron: the tripwire case is not screened (no RISK)" grep -q '^    RISK  *[1-9]' "$tmp/tw.txt"

finish
