# tests/shard/lib.sh: what the shard harnesses share (run.sh, sense.sh, edges.sh), sourced
# after tests/lib.sh (it uses scen, tmp, ok and bad):
#   NAME=shard; . "$srcdir/tests/lib.sh"; . "$srcdir/tests/shard/lib.sh"
#   shards CMD FILE N THREADS ARGS...: `scen CMD FILE ARGS --shard I/N --threads THREADS`
#     for I = 1..N, each partial into $tmp/part.I.json (CMD is run or sense);
#   same CMD NAME FILE N THREADS ARGS...: shards FILE N ways at THREADS threads and checks
#     that merging them, last shard first and at the other thread count (1 for 2 and 3, 2
#     for 1), prints what `scen CMD FILE ARGS` prints, in every format;
#   expect STATUS MESSAGE COMMAND...: the command exits STATUS with stderr exactly
#     MESSAGE (a pattern when it starts with ^) and prints nothing on stdout;
#   exact_scen FILE: writes a file without `~` into FILE: one draw, so one unit per
#     group: the file's own report and four sweep rows make 5 units.

shards() {
	cmd=$1 f=$2 n=$3 t=$4
	shift 4
	rm -f "$tmp"/part.*.json
	i=1
	while [ $i -le "$n" ]; do
		"$scen" "$cmd" "$f" "$@" --shard $i/"$n" --threads "$t" -o "$tmp/part.$i.json" \
			2> "$tmp/err" || { bad "$cmd $f --shard $i/$n exited $?"; cat "$tmp/err"; }
		i=$((i + 1))
	done
}

same() {
	cmd=$1 name=$2 f=$3 n=$4 t=$5
	shift 5
	shards "$cmd" "$f" "$n" "$t" "$@"
	parts=$(ls "$tmp"/part.*.json | sort -r)
	for fmt in text json csv markdown latex; do
		"$scen" "$cmd" "$f" "$@" --format $fmt > "$tmp/whole" 2> "$tmp/err"
		# shellcheck disable=SC2086
		"$scen" merge --threads $((t % 2 + 1)) --format $fmt $parts > "$tmp/merged" \
			2> "$tmp/err"
		st=$?
		if [ $st -ne 0 ]; then
			bad "$name ($fmt, $n shards): merge exited $st"
			cat "$tmp/err"
		elif cmp -s "$tmp/whole" "$tmp/merged"; then
			ok
		else
			bad "$name ($fmt, $n shards): the merged report differs from scen $cmd's"
			diff "$tmp/whole" "$tmp/merged" | head -10
		fi
	done
}

expect() {
	want=$1 msg=$2
	shift 2
	"$@" > "$tmp/out" 2> "$tmp/err"
	st=$?
	case $msg in
	^*) grep -q "$msg" "$tmp/err"; match=$? ;;
	*) printf '%s\n' "$msg" | cmp -s - "$tmp/err"; match=$? ;;
	esac
	if [ $st -ne "$want" ]; then
		bad "$*: exit status $st, not $want"; cat "$tmp/err"
	elif [ $match -ne 0 ]; then
		bad "$*: stderr is not '$msg':"; cat "$tmp/err"
	elif [ -s "$tmp/out" ]; then
		bad "$*: printed on stdout"
	else
		ok
	fi
}

exact_scen() {
	cat > "$1" <<'SCEN'
stake s { value = 100 }
actor gov : state { cost = 10 }
actor reb : rebels { cost = 10; belief = 70% }
conflict gov vs reb over s { win = 40% }
sweep reb.belief from 40% to 70% step 10% { report settlement gov vs reb }
SCEN
}
