#!/bin/sh
# tests/cli/format.sh: every command with --format (run, diff, sense, merge, flip) refuses
# a bad value in one wording, from one table (cli/format.c):
#   scen CMD: --format 'X': scen CMD takes F1, F2, ... or Fn
# and the formats it lists are those its --help names (--format F1|...|Fn) and those it
# prints: each one, on an exact file, exits 0 (a diff of a file against itself: 0, the
# same) with something on stdout. The last line is `cli/format: N passed, M failed`.
NAME=cli/format
. "${srcdir:-.}/tests/lib.sh"
cat > "$tmp/f.scen" <<'SCEN'
stake land { value = 100 }
actor gov : state { cost = 10; belief = 10% }
actor reb : rebels { cost = 10; belief = 60% }
conflict gov vs reb over land { win = 30% }
SCEN
cd "$tmp" || exit 99
"$scen" run f.scen --shard 1/1 -o part.json || bad "scen run --shard 1/1 exited $?"

# the arguments of CMD on f.scen, but --format
args_of() {
	case $1 in
	run) echo "f.scen" ;;
	diff) echo "f.scen f.scen" ;;
	sense) echo "f.scen --vary gov.cost" ;;
	merge) echo "part.json" ;;
	flip) echo "f.scen reb.belief" ;;
	esac
}

for cmd in run diff sense merge flip; do
	# shellcheck disable=SC2046 # ARGS are words
	"$scen" $cmd $(args_of $cmd) --format bogus > out 2> err
	st=$?
	said=$(head -n 1 err)
	list=${said#"scen $cmd: --format 'bogus': scen $cmd takes "}
	check "$cmd: exit $st, not 2" [ $st -eq 2 ]
	check "$cmd: not the one wording: $said" [ "$list" != "$said" ]
	check "$cmd: printed something on stdout" [ ! -s out ]
	check "$cmd: the formats $list, not text, json, csv, markdown or latex" \
		[ "$list" = "text, json, csv, markdown or latex" ]
	bar=$(printf '%s\n' "$list" | sed 's/, /|/g; s/ or /|/')
	check "$cmd --help does not name --format $bar" sh -c \
		'"$1" "$2" --help | grep -qF -- "--format $3]"' sh "$scen" $cmd "$bar"
	for f in $(printf '%s\n' "$bar" | tr '|' ' '); do
		# shellcheck disable=SC2046
		"$scen" $cmd $(args_of $cmd) --format "$f" > out 2> err
		st=$?
		check "$cmd --format $f: exit $st ($(head -n 1 err))" [ $st -eq 0 ]
		check "$cmd --format $f: nothing on stdout" [ -s out ]
	done
	"$scen" $cmd $(args_of $cmd) --format html 2> err > /dev/null
	check "$cmd --format html: no pointer to scen report" \
		grep -q "^scen $cmd: --format 'html': .* (an HTML page: scen report FILE)\$" err
done
finish
