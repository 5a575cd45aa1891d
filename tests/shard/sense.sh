#!/bin/sh
# tests/shard/sense.sh: `scen sense FILE --shard I/N -o PARTIAL` and `scen merge` of sense
# partials (docs/shards.md, docs/sense.md).
#   - the merged report is byte-identical to the unsharded `scen sense`'s in text, JSON,
#     CSV, Markdown and LaTeX: shard counts 1, 2, 3 and 7 (more shards than the 10
#     blocks of 10,000 draws leaves some empty), shards at 1 and 2 threads, merged at
#     1 and 2 threads, given to merge last shard first; with --vary and a named report;
#     a file without `~` (one draw, one block) in 3 shards;
#   - two numbers of the merged report derived by hand, which hold in every draw and so
#     do not depend on the sample (tests/golden/sense/costs.scen; core.md §1):
#       gov.cost ~ U(10, 30) swung to its 5% and 95% quantiles: 10 + 0.05·20 = 11 and
#       10 + 0.95·20 = 29 (the line "gov.cost  11  29");
#       SETTLE iff c_S + c_R >= 25, c_R ~ U(5, 15): at c_S = 29, c_S + c_R >= 34 in
#       every draw, so SETTLE is 100.0% at gov.cost's high end, and in the deciles
#       6 to 10 of gov.cost (c_S >= 20, c_S + c_R >= 25) it is 100.0 and BREAKDOWN 0.0;
#   - errors, each with its exact message and status: a missing shard, a sense partial
#     with a run's, partials of different seeds, of different --vary, of different
#     files, a file changed since, a damaged partial, a partial that cannot be written
#     (a folder, a read-only file; --force rewrites it), and the usage of --shard.
# The last line is `shard/sense: N passed, M failed`.
NAME=shard/sense
. "${srcdir:-.}/tests/lib.sh"
. "$srcdir/tests/shard/lib.sh"
g=$srcdir/tests/golden/sense

for n in 1 2 3 7; do
	for t in 1 2; do
		same sense costs "$g/costs.scen" $n $t
	done
done
same sense kenya "$g/kenya.scen" 3 2 --vary kibaki.cost=5:20
same sense nzelibe "$g/nzelibe.scen" 2 1 --vary reb.belief=30%:60% --vary gov.cost \
	"settlement gov vs reb"
same sense darfur "$srcdir/examples/darfur.scen" 3 2 --draws 3000

# the hand-derived numbers, in the merge of 3 shards of costs.scen
shards sense "$g/costs.scen" 3 2
"$scen" merge "$tmp"/part.*.json > "$tmp/merged" 2> "$tmp/err" || bad "merge: $(cat "$tmp/err")"
check "gov.cost swung from 11 to 29" grep -Eq '^  gov\.cost +11 +29 +SETTLE +[0-9.]+% +100\.0% ' "$tmp/merged"
check "SETTLE 100.0 in gov.cost's deciles 6 to 10" \
	grep -Eq '^    SETTLE( +[0-9.]+){5}( +100\.0){5}$' "$tmp/merged"
check "BREAKDOWN 0.0 in gov.cost's deciles 6 to 10" \
	grep -Eq '^    BREAKDOWN( +[0-9.]+){5}( +0\.0){5}$' "$tmp/merged"

cp "$g/costs.scen" "$g/kenya.scen" "$tmp/"
cd "$tmp" || exit 99
# 10,000 draws: 10 blocks (RUN_BLOCK 1024); shard I of 3 is blocks [⌊10(I−1)/3⌋, ⌊10I/3⌋)
# = [0, 3), [3, 6), [6, 10)
for i in 1 2 3; do "$scen" sense costs.scen --shard $i/3 -o p$i.json; done
expect 1 "scen merge: units 3 to 5 of 10 are in no partial (is a shard missing?)" \
	"$scen" merge p1.json p3.json
expect 1 "scen merge: p1.json and p1.json overlap (units from 0): each shard must be given once" \
	"$scen" merge p1.json p1.json p2.json p3.json
"$scen" run costs.scen --shard 2/3 -o r2.json
expect 1 "scen merge: p1.json is a partial of \`scen sense --shard\`, r2.json of \`scen run --shard\`: they do not merge" \
	"$scen" merge p1.json r2.json p3.json
expect 1 "scen merge: r2.json is a partial of \`scen run --shard\`, p1.json of \`scen sense --shard\`: they do not merge" \
	"$scen" merge r2.json p1.json p3.json
"$scen" sense costs.scen --seed 5 --shard 2/3 -o s2.json
expect 1 "scen merge: p1.json and s2.json come from different runs: not the same seed" \
	"$scen" merge p1.json s2.json p3.json
"$scen" sense costs.scen --vary gov.belief=20%:30% --shard 2/3 -o v2.json
expect 1 "scen merge: p1.json and v2.json come from different runs: not the same reports" \
	"$scen" merge p1.json v2.json p3.json
"$scen" sense kenya.scen --vary kibaki.cost=5:20 --shard 2/3 -o k2.json
"$scen" sense kenya.scen --vary kibaki.cost=5:25 --shard 3/3 -o k3.json
"$scen" sense kenya.scen --vary kibaki.cost=5:20 --shard 1/3 -o k1.json
expect 1 "scen merge: k1.json and k3.json come from different runs: not the same --vary or reports" \
	"$scen" merge k1.json k2.json k3.json
expect 1 "scen merge: p1.json and k2.json come from different runs: not the same source" \
	"$scen" merge p1.json k2.json
sed 's/"n":3072/"n":3073/' p1.json > d1.json
expect 1 "scen merge: d1.json: damaged: its content does not match its digest (the file was changed after \`scen sense --shard\` wrote it)" \
	"$scen" merge d1.json p2.json p3.json
sed 's/"format":"scen sense partial 1"/"format":"scen sense partial 0"/' p1.json > f1.json
expect 1 "scen merge: f1.json: not a partial of \`scen sense --shard\`: its \`format\` is not \"scen sense partial 1\"" \
	"$scen" merge f1.json
cp costs.scen moved.scen
printf '# changed\n' >> moved.scen
expect 1 "scen merge: moved.scen has changed since the shards ran (its hash, with its imports, is $("$scen" sense moved.scen --shard 1/1 | sed 's/.*"source_hash":"\([0-9a-f]*\)".*/\1/'), the partials' $(sed 's/.*"source_hash":"\([0-9a-f]*\)".*/\1/' p1.json))" \
	"$scen" merge --file moved.scen p1.json p2.json p3.json
# the partial's write (cli_write_partial, shared with scen run --shard): refused before
# the run, status 3; a read-only partial rewritten with --force, and still read-only
expect 3 "scen sense: cannot write '.': it is a folder, not a regular file" \
	"$scen" sense costs.scen --shard 1/3 -o .
cp p1.json ro.json
chmod 444 ro.json
expect 3 "scen sense: cannot write 'ro.json': it is read-only (--force rewrites it)" \
	"$scen" sense costs.scen --shard 1/3 -o ro.json
"$scen" sense costs.scen --shard 1/3 -o ro.json --force 2> err || bad "--force: $(cat err)"
check "a partial rewritten with --force stays read-only" test "$(stat -c %a ro.json)" = 444
check "a partial rewritten with --force is the shard's" cmp -s p1.json ro.json
usage="Try 'scen --help' for more information."
expect 2 "scen sense: a shard writes a partial, not a report: --format is for \`scen merge\`, --plot and --spider for \`scen sense\` of the whole run
$usage" "$scen" sense costs.scen --shard 1/2 --format json
expect 2 "scen sense: --shard needs I/N, 1 <= I <= N <= 1048576
$usage" "$scen" sense costs.scen --shard 3/2
expect 2 "scen sense: -o is for --shard (a report goes to stdout)
$usage" "$scen" sense costs.scen -o x.json
expect 2 "scen sense: --set is not for --shard: \`scen merge\` reads the file as it is
$usage" "$scen" sense costs.scen --shard 1/2 --set gov.belief=30%

finish
