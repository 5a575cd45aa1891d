#!/bin/sh
# tests/run/seeds.sh: seeds are exact 64-bit whole numbers, end to end.
# Monte Carlo comparisons allow 3 standard errors. The last line is
# `run/seeds: N passed, M failed`.
NAME=run/seeds
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/run
det=$dir/determinism.scen

# ---- seeds are exact 64-bit whole numbers, end to end ----
# As a double, 9007199254740993 (2^53 + 1) was ...992: the setting ran the stream of the
# seed below it. The file's seed, --seed, and the seed the report prints must agree to
# the last digit, and differ from 2^53's; JSON has the seed exactly (a string above
# 2^63 − 1, which jansson's integers cannot hold: it came out as -1).
printf 'scenario "s" { seed = 9007199254740993; draws = 2000 }\n' > "$tmp/seed.scen"
sed '/^scenario/,/^}/d' "$det" >> "$tmp/seed.scen"
$scen run "$tmp/seed.scen" > "$tmp/seed.file" 2>>"$tmp/err"
$scen run "$tmp/seed.scen" --seed 9007199254740993 > "$tmp/seed.opt" 2>>"$tmp/err"
$scen run "$tmp/seed.scen" --seed 9007199254740992 > "$tmp/seed.below" 2>>"$tmp/err"
check "seed: the file's 9007199254740993 is not --seed 9007199254740993" \
	cmp -s "$tmp/seed.file" "$tmp/seed.opt"
check "seed: the report does not say seed 9007199254740993" \
	grep -q '^2,000 draws, seed 9007199254740993$' "$tmp/seed.file"
check "seed: 9007199254740993 runs as 9007199254740992" \
	sh -c '! cmp -s "$1" "$2"' - "$tmp/seed.file" "$tmp/seed.below"
if $have_python; then
	for s in 9007199254740993 18446744073709551615; do
		$scen run "$tmp/seed.scen" --seed $s --format json > "$tmp/seed.json" 2>>"$tmp/err"
		check "seed: JSON does not hold seed $s exactly" python3 - "$tmp/seed.json" $s <<'EOF'
import json, sys
seed = json.load(open(sys.argv[1]))["seed"]
assert int(seed) == int(sys.argv[2]) and (type(seed) is int) == (int(sys.argv[2]) < 2**63), seed
EOF
	done
fi

finish
