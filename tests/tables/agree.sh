#!/bin/sh
# tests/tables/agree.sh: the Markdown and LaTeX tables of `scen sense` and `scen flip` say
# what their JSON says, number by number (agree.py says how):
#   - every golden of tests/golden/sense and tests/golden/flip whose ARGS ask for
#     --format markdown or latex: the golden file itself against `scen sense|flip ARGS`
#     with --format json;
#   - the examples with `~` (a settlement, a mediation and a provocation report, with
#     draws) at --draws 500, in both formats, against their JSON;
#   - a checker that accepts anything proves nothing: a golden with one number changed
#     (74.5% to 74.7%) is refused.
# Without python3 the checks are skipped, with a message. The last line is
# `tables: N passed, M failed`.
NAME=tables
. "${srcdir:-.}/tests/lib.sh"
if ! $have_python; then
	echo "tables: python3 not found: the cross-checks are skipped"
	finish
	exit
fi
g=$srcdir/tests/golden

# agree KIND TABLES DIR ARGS...: TABLES agrees with `scen KIND ARGS --format json` in DIR
agree() {
	kind=$1 tables=$2 d=$3
	shift 3
	if ! (cd "$d" && "$scen" "$kind" "$@" --format json) > "$tmp/out.json" 2> "$tmp/err"; then
		bad "$tables: scen $kind --format json failed"
		sed 's/^/    /' "$tmp/err"
	elif python3 "$srcdir/tests/tables/agree.py" "$kind" "$tables" "$tmp/out.json" \
		> "$tmp/agree" 2>&1; then
		ok
	else
		bad "$tables: the table and the JSON disagree"
		sed 's/^/    /' "$tmp/agree"
	fi
}

for kind in sense flip; do
	found=0
	for argsfile in "$g/$kind"/*.args; do
		grep -Eq -- '--format (markdown|latex)' "$argsfile" || continue
		found=$((found + 1))
		name=$(basename "$argsfile" .args)
		# shellcheck disable=SC2046 # ARGS are words
		agree "$kind" "$g/$kind/$name.out" "$g/$kind" \
			$(sed -E 's/--format (markdown|latex)//' "$argsfile")
	done
	check "$kind: goldens of both table formats ($found)" [ "$found" -ge 4 ]
done

for f in "$srcdir"/examples/*.scen; do
	grep -q '~' "$f" || continue
	n=$(basename "$f" .scen)
	for fmt in markdown latex; do
		if "$scen" sense "$f" --draws 500 --format $fmt > "$tmp/$n.$fmt" 2> "$tmp/err"; then
			agree sense "$tmp/$n.$fmt" "$srcdir/examples" "$n.scen" --draws 500
		else
			bad "examples/$n: scen sense --format $fmt failed"
		fi
	done
done

"$scen" sense "$g/sense/costs.scen" --format json > "$tmp/costs.json"
sed 's/74\.5%/74.7%/' "$g/sense/costs-md.out" > "$tmp/changed.md"
check "a golden with a number changed is refused" \
	sh -c '! python3 "$1" sense "$2" "$3" > /dev/null' sh "$srcdir/tests/tables/agree.py" \
	"$tmp/changed.md" "$tmp/costs.json"
finish
