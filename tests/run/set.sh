#!/bin/sh
# tests/run/set.sh: `--set NAME.ATTR=VALUE` makes the edit a REPL user would make, and
# nothing else. tests/golden/diff/verdict.old.scen with reb.belief set to 25% is
# verdict.new.scen (its comment computes both by hand from core.md §1: BREAKDOWN with
# x_min 400,000, x_max 300,000; with b_R = 25% SETTLE, x_min 50,000): `scen run` of the
# one with the override prints what `scen run` of the other prints, in text and CSV; a
# later override of the same attribute wins; `scen diff OLD OLD --set ...` finds the
# verdict change; `scen plot --script` of a sweep in the one with the override draws the
# datablocks of the other (and not those of the file as it is); `scen report` of the
# one with the override holds the other's reports, tables and charts (the page up to
# its source section, which shows the edited source); the file on disk is left as it
# is. (`scen sense --set`: tests/run/sense.sh; `scen flip --set`: tests/cli/flip.sh.)
# The last line is `run/set: N passed, M failed`.
NAME=run/set
. "${srcdir:-.}/tests/lib.sh"
d=$srcdir/tests/golden/diff
cp "$d/verdict.old.scen" "$tmp/old.scen"
cp "$d/verdict.new.scen" "$tmp/new.scen"
chmod u+w "$tmp/old.scen"
before=$(cksum < "$tmp/old.scen")
cd "$tmp" || exit 99

same_run() { # same_run FORMAT ARGS...: run old.scen ARGS prints what run new.scen prints
	f=$1	# (the CSV's provenance lines aside: they name another file and the overrides)
	shift
	"$scen" run new.scen --format "$f" 2>&1 | grep -v '^#' > want &&
		"$scen" run old.scen --format "$f" "$@" 2>&1 | grep -v '^#' > got && [ -s want ] && cmp -s want got
}
check "--set reb.belief=25% (text)" same_run text --set reb.belief=25%
check "--set reb.belief=25% (csv)" same_run csv --set 'reb.belief = 25%'
check "the last --set of an attribute wins" same_run text --set reb.belief=90% \
	--set reb.belief=25%
check "--set on an attribute the file does not set (added to the block)" \
	same_run text --set reb.belief=25% --set gov.resolve=1
diff_verdict() {
	"$scen" diff old.scen old.scen --set reb.belief=25% > out 2>&1
	[ $? -eq 1 ] && grep -q 'verdict *BREAKDOWN → SETTLE' out &&
		grep -q '~ reb.belief: 60% → 25%' out
}
check "scen diff FILE FILE --set: the variant against the file" diff_verdict

# the same sweep (of gov.cost: x_max = 250,000 + c_S moves, the verdict does not) in both
printf 'report settlement gov vs reb\nsweep gov.cost from 100_000 to 300_000 step 100_000 {\n  report settlement gov vs reb\n}\n' > sweep
cat old.scen sweep > old-sweep.scen
cat new.scen sweep > new-sweep.scen
datablocks() { "$scen" plot "$@" --script | sed -n '/<< EOD$/,/^EOD$/p'; }
datablocks new-sweep.scen > want
datablocks old-sweep.scen --set reb.belief=25% > got
datablocks old-sweep.scen > bare
check "scen plot --set: the datablocks of the variant" sh -c '[ -s want ] && cmp -s want got'
check "scen plot: the override changes the datablocks" sh -c '! cmp -s want bare'
reports() { "$scen" report "$@" -o - | sed -n '/<section/,/<section id="source">/p' | sed '$d'; }
reports new.scen > want
reports old.scen --set reb.belief=25% > got
reports old.scen > bare
check "scen report --set: the reports of the variant" sh -c '[ -s want ] && grep -q SETTLE want && cmp -s want got'
check "scen report: the override changes the reports" sh -c '! cmp -s want bare'
check "the file is not rewritten" [ "$(cksum < old.scen)" = "$before" ]

# An override's value is one expression (`private` after it allowed): one that stops
# short or runs on is an error on the override, not in the file's next line, and sets
# nothing. In lines.scen reb.belief is followed by a comment, a newline and `cost`, so
# spliced into the file `reb.belief=` would take `cost` for its value and `25% }` would
# close reb's block early. Columns: `reb.belief=` is 11 bytes, the value starts at 12.
printf 'stake land { value = 1_000_000 }\nactor gov : state { cost = 200_000; belief = 10%%\nactor reb : rebels {\n  belief = 60%%  # a comment\n  cost   = 200_000\n}\nconflict gov vs reb over land { win = 25%% }\n' > lines.scen
sed -i 's/belief = 10%$/belief = 10% }/' lines.scen
bad_value() { # bad_value OVERRIDE COL MESSAGE CARET: exit 1, nothing run, this error alone
	"$scen" run lines.scen --set "$1" > out 2> err
	[ $? -eq 1 ] && [ ! -s out ] || return 1
	printf -- '--set:1:%s: error: %s\n    1 | %s\n      | %*s%s\n' "$2" "$3" "$1" \
		$(($2 - 1)) '' "$4" > want
	cmp -s want err
}
check "--set reb.belief= (no value)" \
	bad_value 'reb.belief=' 12 'expected expression, found end of input' '^'
check "--set reb.belief=(25% (stops short)" \
	bad_value 'reb.belief=(25%' 16 'expected `)` (to close `(` at line 1), found end of input' '^'
check "--set reb.belief=25% } (runs on out of the block)" \
	bad_value 'reb.belief=25% }' 16 'expected end of statement, found `}`' '^'
check "--set reb.belief=25%; cost=5 (a second attribute)" \
	bad_value 'reb.belief=25%; cost=5' 17 'expected an item, found name' '^~~~'
check "--set reb.belief=25%; let y = 1 (a second item)" \
	bad_value 'reb.belief=25%; let y = 1' 17 'expected the end of the value, found more after it' '^~~~~~~~~'
check "--set with \`private\` after the value still runs" \
	sh -c '"$1" run lines.scen --set "reb.cost~uniform(100_000, 300_000) private" --draws 10 > /dev/null' - "$scen"
finish
