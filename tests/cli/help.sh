#!/bin/sh
# tests/cli/help.sh: each command's usage is written once (cli/main.c's table) and says
# every option the command takes:
#   - the options are read from the source: each `int cmd_NAME(` function's getopt_long
#     table (its { "long", ..., 'c' } lines, and CLI_RUN_LONGOPTS, CLI_SHARD_LONGOPTS and
#     CLI_SET_LONGOPT as cli/cli.h defines them) and its short option string; an option
#     added to a table without its help fails here;
#   - `scen CMD --help` must name each as --long, or as -c when c is one of its short
#     options (-o for --output), exit 0 and print its usage; `scen CMD FILE --help`, after
#     an argument, prints the same;
#   - `scen --help` holds every command's usage lines, and no line of either is wider
#     than 80 columns;
#   - `scen merge --help` names both kinds of partial it merges (`scen sense --shard`'s).
#   - every command (each `int cmd_NAME(` of cli/cmd_*.c, repl's too) prints its usage
#     for --help, and none keeps a --help of its own (dispatch answers it first);
#   - the other way round: each --long and -c its usage's forms name is one the command
#     takes (a usage text kept apart from the getopt table had drifted in sense).
NAME=cli/help
. "${srcdir:-.}/tests/lib.sh"

# "CMD LONG C SHORTOPTS" a line, from the sources (C is the option's val)
awk '
function quoted(s,   out) {	# the string literals of s, concatenated
	out = ""
	while (match(s, /"[^"]*"/)) { out = out substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH) }
	return out
}
function entry(line, arr, n) {	# { "long", x_argument, NULL, 'c' } -> "long c"
	if (match(line, /\{ "[a-z-]+", [a-z_]+, NULL, \x27.\x27 \}/)) {
		split(substr(line, RSTART, RLENGTH), f, /[", \x27]+/)
		arr[++n] = f[2] " " f[5]
	}
	return n
}
FILENAME ~ /cli\.h$/ {
	if (/^#define CLI_RUN_SHORTOPTS/) runshort = quoted($0)
	if (/^#define CLI_RUN_LONGOPTS/) inrun = 1
	if (inrun) { nrun = entry($0, run, nrun); if ($0 !~ /\\$/) inrun = 0 }
	if (/^#define CLI_SHARD_LONGOPTS/) inshard = 1
	if (inshard) { nshard = entry($0, shard, nshard); if ($0 !~ /\\$/) inshard = 0 }
	if (/^#define CLI_SET_LONGOPT/) nset = entry($0, set, nset)
	next
}
/^int cmd_[a-z]+\(/ { cmd = $2; sub(/^cmd_/, "", cmd); sub(/\(.*/, "", cmd); n = 0; next }
cmd != "" && /CLI_RUN_LONGOPTS/ { for (i = 1; i <= nrun; i++) opt[++n] = run[i]; next }
cmd != "" && /CLI_SHARD_LONGOPTS/ { for (i = 1; i <= nshard; i++) opt[++n] = shard[i]; next }
cmd != "" && /CLI_SET_LONGOPT/ { for (i = 1; i <= nset; i++) opt[++n] = set[i]; next }
cmd != "" { n = entry($0, opt, n) }
cmd != "" && /getopt_long\(/ {
	short = quoted($0)
	if ($0 ~ /CLI_RUN_SHORTOPTS/) short = runshort short
	for (i = 1; i <= n; i++) print cmd, opt[i], short
	n = 0
}' "$srcdir/cli/cli.h" "$srcdir"/cli/cmd_*.c > "$tmp/options"

count=$(wc -l < "$tmp/options")
check "the sources' getopt tables were read ($count options)" [ "$count" -ge 60 ]
for c in run plot report diff flip sense; do
	check "$c: --seed (CLI_RUN_LONGOPTS) read" grep -q "^$c seed s " "$tmp/options"
done
for c in run plot report diff sense; do
	check "$c: --set (CLI_SET_LONGOPT) read" grep -q "^$c set V " "$tmp/options"
done

"$scen" --help > "$tmp/all" 2>&1
check "scen --help exits 0" [ $? -eq 0 ]
check "scen --help: no line wider than 80 columns" awk 'length > 80 { print; bad = 1 } END { exit bad }' "$tmp/all"

# named CMD LONG C SHORTOPTS: the help of CMD names --LONG, or -C when C is a short option
named() {
	grep -Eq -- "--$2([^a-z-]|$)" "$tmp/$1.help" && return 0
	case $4 in *"$3"*) grep -Eq -- "(^|[[ ])-$3([] ]|$)" "$tmp/$1.help" ;; *) return 1 ;; esac
}

# every command, options or none (repl takes only FILE)
sed -n 's/^int cmd_\([a-z]*\)(.*/\1/p' "$srcdir"/cli/cmd_*.c | sort -u > "$tmp/commands"
ncommands=$(wc -l < "$tmp/commands")
check "the sources' commands were read ($ncommands)" [ "$ncommands" -ge 14 ]
for cmd in $(cut -d' ' -f1 "$tmp/options" | sort -u); do
	check "$cmd: a command of cli/cmd_*.c" grep -qx "$cmd" "$tmp/commands"
done

for cmd in $(cat "$tmp/commands"); do
	"$scen" "$cmd" --help > "$tmp/$cmd.help" 2>&1
	check "scen $cmd --help exits 0" [ $? -eq 0 ]
	check "scen $cmd --help prints its usage" grep -q "^usage: scen $cmd " "$tmp/$cmd.help"
	check "scen $cmd --help: no line wider than 80 columns" \
		awk 'length > 80 { print; bad = 1 } END { exit bad }' "$tmp/$cmd.help"
	"$scen" "$cmd" some.scen --help > "$tmp/$cmd.late" 2>&1
	check "scen $cmd FILE --help prints the same" cmp -s "$tmp/$cmd.help" "$tmp/$cmd.late"
	# each form's first line, as scen --help shows it
	sed -n 's/^usage: scen /  /p; s/^       scen /  /p' "$tmp/$cmd.help" > "$tmp/$cmd.forms"
	while IFS= read -r form; do
		check "scen --help shows '$form'" awk -v f="$form" \
			'index($0, f) == 1 { found = 1 } END { exit !found }' "$tmp/all"
	done < "$tmp/$cmd.forms"
done

check "scen merge --help says it merges the partials of scen sense too" \
	grep -q 'scen sense --shard' "$tmp/merge.help"

# `scen CMD ... --help` is answered before CMD runs (cli/main.c, asks_help), so a --help
# of a command's own (in its getopt table, or a strcmp of its arguments) is never
# reached: no command keeps one (the usage sense kept of its own had drifted from the
# one printed). cmd_check.c holds check and attrs.
for f in "$srcdir"/cli/cmd_*.c; do
	check "cli/$(basename "$f"): a --help of its own, never reached" \
		sh -c "! grep -Eq '\"(--)?help\"|\"-h\"|case .h.:' '$f'"
done

# the other way round: what a usage's forms (its lines up to the summary, which is
# indented by 2) name, CMD takes: each --long in its table, each -c in its short options
for cmd in $(cat "$tmp/commands"); do
	sed -n '/^usage: /p; /^       /p' "$tmp/$cmd.help" |
		grep -Eo -- '(^|[[ |])--?[a-z][a-z-]*' | sed 's/^[[ |]//' | sort -u > "$tmp/$cmd.named"
	while read -r opt; do
		case $opt in
		--*) check "scen $cmd --help names $opt, which it takes" \
			grep -q "^$cmd ${opt#--} " "$tmp/options" ;;
		*) check "scen $cmd --help names $opt, which it takes" \
			awk -v c="$cmd" -v o="${opt#-}" \
			'$1 == c && index($4, o) { found = 1 } END { exit !found }' "$tmp/options" ;;
		esac
	done < "$tmp/$cmd.named"
done

while read -r cmd long c short; do
	[ "$long" = help ] && continue
	check "scen $cmd --help names --$long" named "$cmd" "$long" "$c" "$short"
done < "$tmp/options"
finish
