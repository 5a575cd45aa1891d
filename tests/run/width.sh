#!/bin/sh
# tests/run/width.sh: every line of the text report of `scen run` fits MAP_LINE = 100
# columns (report/report.h): the prose broken by report_prose, the sweeps' tables laid
# out by text_table_print, the maps in bands. Run on every example and every golden
# input that is a model (tests/golden/*/*.scen but fmt/'s, which need only parse), with
# the arguments of its golden (examples/ and run/; the other folders' are those of other
# commands), --format dropped: the text report. Columns are UTF-8 characters ("−", "·"
# and "±" are one each): the bytes less the continuation bytes (0x80 to 0xBF).
NAME=run/width
. "${srcdir:-.}/tests/lib.sh"
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac

# the arguments of FILE's golden (ARGSFILE, when it exists), less any --format and its value
args_of() {
	[ -f "$1" ] || return 0
	sed -e 's/--format[= ][^ ]*//g' "$1"
}

# wide FILE ARGSFILE: `scen run FILE ARGS` in FILE's folder succeeds and prints no line
# wider than 100 columns (each one named in the failure).
wide() {
	dir=$(dirname "$1") base=$(basename "$1") args=$(args_of "$2")
	# shellcheck disable=SC2086 # ARGS are words
	if ! (cd "$dir" && "$scen" run "$base" $args) > "$tmp/out" 2> "$tmp/err"; then
		bad "$1: scen run failed: $(head -n 1 "$tmp/err")"
		return
	fi
	LC_ALL=C tr -d '\200-\277' < "$tmp/out" > "$tmp/columns"
	LC_ALL=C awk -v f="$1" 'NR == FNR { cols[FNR] = length($0); next }
		cols[FNR] > 100 { print "    " f ": " cols[FNR] " columns: " $0 }' \
		"$tmp/columns" "$tmp/out" > "$tmp/wide"
	check "$1: lines wider than 100 columns
$(cat "$tmp/wide")" test ! -s "$tmp/wide"
}

golden=$srcdir/tests/golden
for f in "$srcdir"/examples/*.scen; do
	[ -e "$f" ] || continue
	wide "$f" "$golden/examples/$(basename "$f" .scen).args"
done
for f in "$golden"/*/*.scen; do
	case $f in
	"$golden"/fmt/*) continue ;;
	"$golden"/run/*) wide "$f" "${f%.scen}.args" ;;	# the others' .args are other commands'
	*) wide "$f" "" ;;
	esac
done
finish
