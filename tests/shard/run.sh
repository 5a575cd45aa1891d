#!/bin/sh
# tests/shard/run.sh: `scen run --shard I/N` and `scen merge` (docs/shards.md).
#   - the merged report is byte-identical to the unsharded run's, in text, JSON, CSV,
#     Markdown and LaTeX:
#     every example, shard counts 1, 2, 3 and 7, shards run at 1, 2 and 3 threads and
#     merged at another count, given to merge in any order; a sweep of many rows on one block of draws (the
#     shards cut across rows); a file without `~` and more shards than units (empty
#     shards); a mix of shard counts that covers the run once (1/2 + 3/4 + 4/4);
#   - GNU parallel running the shards (when installed; bootstrap installs it);
#   - errors: a missing shard, a shard given twice, partials of different runs, a file
#     changed since the shards ran, a file that is not JSON or not a partial, a draw
#     that is not a number in a shard (located, no partial written), and bad usage, each
#     with its exact message and exit status.
# The last line is `shard: N passed, M failed`.
NAME=shard
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/shard/lib.sh"

for f in "$srcdir"/examples/*.scen; do
	name=$(basename "$f" .scen)
	args=$(cat "$srcdir/tests/golden/examples/$name.args" 2>/dev/null)
	# shellcheck disable=SC2086
	same run "examples/$name" "$f" 3 1 $args
done
for n in 1 2 7; do
	same run "kosovo, $n shards" "$srcdir/examples/kosovo.scen" $n $((n % 3 + 1)) --draws 5000
done
# A seed above 2^63 − 1 is a string in the partial (json_u64.h), read back exactly.
same run "kosovo, seed 2^64 - 1" "$srcdir/examples/kosovo.scen" 2 3 --draws 2000 \
	--seed 18446744073709551615

# A sweep of 40 rows on 300 draws (one block): 41 units, cut across rows.
cat > "$tmp/rows.scen" <<'SCEN'
scenario "rows" { draws = 300; seed = 4 }
stake s { value = 100 }
actor gov : state { cost ~ uniform(5, 25) }
actor reb : rebels { cost ~ uniform(5, 25); belief = 60% }
conflict gov vs reb over s { win = 40% }
sweep reb.belief from 10% to 88% step 2% { report settlement gov vs reb }
SCEN
same run "a sweep of 40 rows on one block" "$tmp/rows.scen" 7 2
# No `~` (exact_scen): 9 shards for 5 units leaves 4 empty.
exact_scen "$tmp/exact.scen"
same run "a file without ~, more shards than units" "$tmp/exact.scen" 9 1

# 1/2 + 3/4 + 4/4 cover the run once.
k=$srcdir/examples/kosovo.scen
"$scen" run "$k" --draws 3000 > "$tmp/whole"
"$scen" run "$k" --draws 3000 --shard 1/2 -o "$tmp/a.json" &&
"$scen" run "$k" --draws 3000 --shard 3/4 -o "$tmp/b.json" &&
"$scen" run "$k" --draws 3000 --shard 4/4 > "$tmp/c.json" &&
"$scen" merge "$tmp/b.json" "$tmp/c.json" "$tmp/a.json" > "$tmp/merged" &&
cmp -s "$tmp/whole" "$tmp/merged" && ok || bad "1/2 + 3/4 + 4/4 do not merge into the run"

# GNU parallel, as docs/shards.md shows it.
if command -v parallel > /dev/null 2>&1; then
	rm -f "$tmp"/par.*.json
	parallel --will-cite "$scen" run "$k" --draws 20000 --shard {}/4 -o "$tmp/par.{}.json" \
		::: 1 2 3 4 2> "$tmp/err"
	"$scen" run "$k" --draws 20000 > "$tmp/whole"
	"$scen" merge "$tmp"/par.*.json > "$tmp/merged" 2>> "$tmp/err" &&
	cmp -s "$tmp/whole" "$tmp/merged" && ok || { bad "GNU parallel: merged differs"; cat "$tmp/err"; }
else
	echo "shard: GNU parallel is not installed: its case is skipped (./bootstrap installs it)"
fi

cp "$k" "$tmp/k.scen"
cd "$tmp" || exit 99
for i in 1 2 3; do "$scen" run k.scen --draws 3000 --shard $i/3 -o p$i.json; done
expect 1 "scen merge: units 12 to 23 of 36 are in no partial (is a shard missing?)" \
	"$scen" merge p1.json p3.json
expect 1 "scen merge: units 24 to 35 of 36 are in no partial (is a shard missing?)" \
	"$scen" merge p2.json p1.json
expect 1 'scen merge: p1.json and p1.json overlap (units from 0): each shard must be given once' \
	"$scen" merge p1.json p1.json p2.json p3.json
"$scen" run k.scen --draws 3000 --seed 5 --shard 2/3 -o s2.json
expect 1 "scen merge: p1.json and s2.json come from different runs: not the same seed" \
	"$scen" merge p1.json s2.json p3.json
"$scen" run k.scen --draws 4000 --shard 2/3 -o d2.json
expect 1 "scen merge: p1.json and d2.json come from different runs: not the same draws" \
	"$scen" merge p1.json d2.json p3.json
echo "# an edit" >> k.scen
expect 1 '^scen merge: k.scen has changed since the shards ran (its hash, with its imports, is [0-9a-f]*, the partials. [0-9a-f]*)$' \
	"$scen" merge p1.json p2.json p3.json
printf '{"format": "scen partial 1", ' > broken.json
expect 1 '^scen merge: broken.json:1:[0-9]*: not JSON: ' "$scen" merge broken.json
echo '{}' > empty.json
expect 1 'scen merge: empty.json: not a partial of `scen run --shard`: its `format` is not "scen partial 4"' \
	"$scen" merge empty.json
expect 3 "scen merge: nowhere.json: cannot read: No such file or directory" "$scen" merge nowhere.json
cat > nan.scen <<'SCEN'
scenario "nan" { draws = 3000 }
stake s { value = 100 }
actor gov : state { cost = 10 }
let x ~ uniform(-1, 1)
actor reb : rebels { cost = 10 + (x - x) / (x - x) }
conflict gov vs reb over s { win = 50% }
SCEN
expect 1 '^nan.scen:5:22: error: `reb.cost` is undefined (NaN) in draw [0-9]*: not a number' \
	"$scen" run nan.scen --shard 2/2 -o nan.json
[ -e nan.json ] && bad "a shard with an error wrote its partial" || ok
usage="Try 'scen --help' for more information."
expect 2 "scen run: --shard needs I/N, 1 <= I <= N <= 1048576
$usage" "$scen" run k.scen --shard 0/3
expect 2 "scen run: --shard needs I/N, 1 <= I <= N <= 1048576
$usage" "$scen" run k.scen --shard 4/3
expect 2 "scen run: a shard writes a partial, not a report: --format is for \`scen merge\`
$usage" "$scen" run k.scen --shard 1/3 --format json
expect 2 "scen run: -o is for --shard (a report goes to stdout)
$usage" "$scen" run k.scen -o x.json
expect 2 "scen merge: missing PARTIAL (the files of \`scen run --shard\` or \`scen sense --shard\`)
$usage" "$scen" merge

finish
