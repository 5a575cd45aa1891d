#!/bin/sh
# tests/hostile/writes.sh: failing writes and special files (issue 12). The promise:
# exit 3 with the OS's reason, and nothing lost or clobbered.
#   - stdout that cannot be written: for every command that prints (run, run --shard,
#     merge, check -v, fmt, attrs, textconv, export --efg, repl, plot --script, --help),
#     stdout on /dev/full gives status 3 and, as the last line on stderr, exactly
#     "scen: write error: No space left on device"; stdout closed (>&-), "... Bad file
#     descriptor"; diff gives 2 (its "trouble"); a command that prints nothing is not
#     troubled by a closed stdout (status 0); diagnostics on a stderr that is full or
#     closed give 3;
#   - the files scen rewrites, for each writer (`fmt -w`, `run --shard -o`, the REPL's
#     `:save`, `plot -o` when gnuplot is here): a chain of symbolic links is followed and
#     its target rewritten, the links kept; a dangling link creates its target; a FIFO,
#     a folder, a device (through a link to /dev/null and to /dev/full, and as root a
#     device node of our own) are refused with status 3 and left as they were, never
#     opened (a FIFO read would hang); a read-only file is refused ("--force rewrites
#     it"), and with --force rewritten and still read-only; a 0640 file stays 0640 (as
#     root, its owner and group are kept too); a new file gets 0666 less the umask; a
#     file with another hard link is refused, and with --force only its name gets the
#     new text; a path in a missing folder fails with "No such file or directory";
#   - a signal while the temporary file exists (made slow at the fsync before the
#     rename by the LD_PRELOAD shim slow_fsync.so): SIGTERM, SIGHUP, SIGINT and SIGPIPE
#     each end the writer by that signal, or for `run --shard` and SIGINT (its handler
#     stops a run) with status 3 and "interrupted"; and a real write past `ulimit -f`
#     (SIGXFSZ), without the shim: the target is unchanged and no temporary file is left;
#   - after all of it, no temporary file (`.NAME.XXXXXX`) anywhere;
#   - `plot -o /nonexistent/x.svg`: status 3 and the OS's reason before gnuplot runs,
#     nothing on stdout;
#   - `scen run` stopped by SIGINT prints what it computed, marked, with status 130 (in
#     text and CSV); a shard stopped so writes no partial, status 130.
# The last line is `writes: N passed, M failed`.
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
case $scen in /*) ;; *) scen=$PWD/$scen ;; esac
shim=${SLOW_FSYNC:-$PWD/tests/hostile/slow_fsync.so}
top=$(cd "$srcdir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scen-writes.XXXXXX") || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
LC_ALL=C
export LC_ALL
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: writes: $*"; }
skipped() { skip=$((skip + 1)); echo "SKIP: writes: $*"; }
# a command that could hang (reading a FIFO) is cut off after 20 s
if command -v timeout > /dev/null; then limit="timeout 20"; else limit=; fi

cd "$tmp" || exit 99
cat > s.scen <<'EOF'
# core.md section 1, worked check
stake land { value = 1_000_000 }
actor gov : state { cost = 200_000; belief = 10% }
actor reb : rebels { cost = 200_000; belief = 60% }
conflict gov vs reb over land { win = 25% }
EOF
cat > u.scen <<'EOF'
stake land { value = 100 }
actor s : state { cost ~ uniform(10, 30); belief = 15% }
actor r : rebels { cost ~ uniform(5, 25); belief = 50% }
conflict s vs r over land { win = 20% }
EOF
cp "$top/tests/plot/sweeps.scen" sweeps.scen
OLD='let   x=1'
"$scen" run s.scen --shard 1/1 -o part.json 2> err || bad "the partial for merge: $(cat err)"

# ---- stdout that cannot be written ----

# stdout_fails WANT REDIRECT REASON ARGS...: `scen ARGS REDIRECT` exits WANT and says
# "scen: write error: REASON" last on stderr, and only once
stdout_fails() {
	want=$1 redir=$2 reason=$3
	shift 3
	case $redir in
	full) "$scen" "$@" < repl.in > /dev/full 2> err ;;
	closed) "$scen" "$@" < repl.in >&- 2> err ;;
	esac
	st=$?
	if [ $st -ne "$want" ]; then
		bad "scen $* with stdout $redir exited $st, not $want: $(cat err)"
	elif [ "$(tail -n 1 err)" != "scen: write error: $reason" ]; then
		bad "scen $* with stdout $redir: stderr ends with '$(tail -n 1 err)'"
	elif [ "$(grep -c 'write error\|cannot' err)" -ne 1 ]; then
		bad "scen $* with stdout $redir: more than the one message: $(cat err)"
	else
		ok
	fi
}

echo ':report' > repl.in
if [ -c /dev/full ]; then
	for args in "run s.scen" "run u.scen --draws 2000 --shard 1/1" "merge part.json" \
		"check -v s.scen" "fmt s.scen" "attrs" "textconv s.scen" \
		"export --efg $top/tests/run/game.scen" "repl s.scen" "plot --script sweeps.scen" \
		"--help"; do
		# shellcheck disable=SC2086
		stdout_fails 3 full "No space left on device" $args
	done
	stdout_fails 2 full "No space left on device" diff s.scen s.scen
else
	skipped "no /dev/full"
fi
for args in "run s.scen" "merge part.json" "check -v s.scen" "fmt s.scen" "attrs" \
	"textconv s.scen" "export --efg $top/tests/run/game.scen" "repl s.scen" "--version"; do
	# shellcheck disable=SC2086
	stdout_fails 3 closed "Bad file descriptor" $args
done
stdout_fails 2 closed "Bad file descriptor" diff s.scen s.scen
if "$scen" check s.scen >&- 2> err; then ok; else
	bad "scen check (nothing to print) with stdout closed exited $?: $(cat err)"
fi
# stderr that cannot take the diagnostics: status 3 all the same (nowhere to say why)
printf 'stake land { value = 1 }\nactor a : state { cost = -5 }\n' > bad.scen
"$scen" check bad.scen 2> /dev/full
st1=$?
"$scen" check bad.scen 2>&-
st2=$?
if [ $st1 -eq 3 ] && [ $st2 -eq 3 ]; then ok; else
	bad "scen check bad.scen with stderr full, closed exited $st1, $st2, not 3"
fi

# ---- the files scen rewrites ----

# write WRITER PATH [--force]: rewrites PATH with WRITER; status in $st, stderr in err
write() {
	w=$1 p=$2 force=${3:-}
	case $w in
	fmt) $limit "$scen" fmt -w $force "$p" > out 2> err ;;
	shard) $limit "$scen" run "$tmp/s.scen" --shard 1/1 -o "$p" $force > out 2> err ;;
	save) printf ':save %s%s\n' "${force:+$force }" "$p" |
		$limit "$scen" repl "$tmp/s.scen" > out 2> err ;;
	plot) $limit "$scen" plot "$tmp/sweeps.scen" -o "$p" $force > out 2> err ;;
	esac
	st=$?
}

# new_text FILE: FILE holds what a writer wrote (not OLD, not empty)
new_text() { [ -s "$1" ] && [ "$(cat "$1")" != "$OLD" ]; }

# refused WRITER WHAT MESSAGE: the last write exited 3 with MESSAGE in its error
refused() {
	if [ $st -ne 3 ]; then
		bad "$1: $2: exited $st, not 3: $(cat err)"
	elif ! grep -q -- "$3" err; then
		bad "$1: $2: the error does not say '$3': $(cat err)"
	else
		ok
	fi
}

hint() { if [ "$1" = save ]; then echo '`:save --force`'; else echo '--force'; fi; }
mode() { stat -c %a "$1"; }
owner() { stat -c %u:%g "$1"; }

writers="fmt shard save"
if command -v gnuplot > /dev/null; then writers="$writers plot"; else
	skipped "plot -o: no gnuplot"
fi

for w in $writers; do
	rm -rf "$w" && mkdir -p "$w/a" "$w/b" && cd "$w" || exit 99

	# a chain of links, relative to each link's folder
	echo "$OLD" > b/t.svg
	ln -s ../b/t.svg a/l.svg
	ln -s l.svg a/l2.svg
	write "$w" a/l2.svg
	if [ $st -ne 0 ]; then bad "$w: through links: exited $st: $(cat err)"
	elif [ ! -L a/l2.svg ] || [ ! -L a/l.svg ]; then bad "$w: a link became a file"
	elif [ "$(readlink a/l2.svg)" != l.svg ] || ! new_text b/t.svg; then
		bad "$w: the links' target was not rewritten"
	else ok; fi
	[ "$w" != fmt ] || [ "$(cat b/t.svg)" = "let x = 1" ] || bad "fmt: through links: $(cat b/t.svg)"

	# a dangling link: its target is created
	ln -s made.svg dl.svg
	write "$w" dl.svg
	if [ $st -eq 0 ] && [ -L dl.svg ] && [ -f made.svg ] && new_text made.svg; then ok
	elif [ "$w" = fmt ] && [ $st -eq 3 ]; then ok	# fmt reads it first: no such file
	else bad "$w: a dangling link: exited $st, made.svg $(ls made.svg 2>&1)"; fi

	# special files: refused, never opened, left alone
	mkfifo f.svg
	write "$w" f.svg
	refused "$w" "a FIFO" "it is a FIFO, not a regular file"
	[ -p f.svg ] || bad "$w: the FIFO was replaced"
	mkdir d.svg
	write "$w" d.svg
	refused "$w" "a folder" "it is a folder, not a regular file"
	for dev in /dev/null /dev/full; do
		[ -c $dev ] || continue
		ln -s $dev dev.svg
		write "$w" dev.svg
		refused "$w" "a link to $dev" "its target '$dev' is a character device, not a regular file"
		[ -L dev.svg ] && [ -c $dev ] || bad "$w: the link to $dev or $dev was replaced"
		rm -f dev.svg
	done
	if [ "$(id -u)" -eq 0 ] && mknod null.svg c 1 3 2> /dev/null; then
		write "$w" null.svg
		refused "$w" "a device node" "it is a character device, not a regular file"
		[ -c null.svg ] || bad "$w: the device node was replaced"
	fi

	# read-only: refused, then forced (and still read-only)
	echo "$OLD" > r.svg
	chmod 0444 r.svg
	write "$w" r.svg
	refused "$w" "a read-only file" "it is read-only ($(hint "$w") rewrites it)"
	[ "$(cat r.svg)" = "$OLD" ] || bad "$w: the read-only file was changed"
	write "$w" r.svg --force
	if [ $st -eq 0 ] && new_text r.svg && [ "$(mode r.svg)" = 444 ]; then ok; else
		bad "$w: --force on a read-only file: exited $st, mode $(mode r.svg): $(cat err)"
	fi

	# mode (and, as root, owner and group) kept; a new file as open(2) makes it
	echo "$OLD" > m.svg
	chmod 0640 m.svg
	[ "$(id -u)" -ne 0 ] || chown 1:1 m.svg
	want=$(owner m.svg)
	write "$w" m.svg
	if [ $st -ne 0 ] || ! new_text m.svg; then bad "$w: mode 0640: exited $st: $(cat err)"
	elif [ "$(mode m.svg)" != 640 ]; then bad "$w: mode 0640 became $(mode m.svg)"
	elif [ "$(owner m.svg)" != "$want" ]; then bad "$w: owner $want became $(owner m.svg)"
	else ok; fi
	if [ "$w" != fmt ]; then	# fmt rewrites only what it has read
		(umask 027 && write "$w" n.svg && [ $st -eq 0 ]) || bad "$w: a new file: $(cat err)"
		[ "$(mode n.svg)" = 640 ] || bad "$w: a new file under umask 027 has mode $(mode n.svg)"
	fi

	# hard links: refused; forced, only this name changes
	echo "$OLD" > h.svg
	ln h.svg h2.svg
	write "$w" h.svg
	refused "$w" "a hard-linked file" "it has 1 other hard link, which a rewrite would leave with the old text"
	write "$w" h.svg --force
	if [ $st -eq 0 ] && new_text h.svg && [ "$(cat h2.svg)" = "$OLD" ]; then ok; else
		bad "$w: --force on a hard-linked file: exited $st: $(cat err)"
	fi

	write "$w" nowhere/x.svg
	refused "$w" "a missing folder" "No such file or directory"
	[ ! -e nowhere ] || bad "$w: a missing folder was made"
	cd .. || exit 99
done

# ---- signals while the temporary file exists ----

# killed WRITER SIGNAL WANT: SIGNAL at the fsync before the rename ends the writer with
# status WANT, leaving f.svg as it was and no temporary file
killed() {
	w=$1 sig=$2 want=$3
	rm -rf sig && mkdir sig && cd sig || exit 99
	echo "$OLD" > f.svg
	# a background job starts with SIGINT ignored, and under nohup SIGHUP is: env
	# --default-signal undoes it (an ignored signal stays ignored, by design)
	(
		SCEN_SLOW_FSYNC=$PWD/../ready PRELOAD=$shim
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
		export SCEN_SLOW_FSYNC PRELOAD ASAN_OPTIONS
		cd .. && exec env ${defaultsig:+--default-signal=$sig} sh ./writer.sh "$w" sig/f.svg
	) > ../out 2> ../err &
	pid=$!
	i=0
	while [ ! -e ../ready ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done
	if [ ! -e ../ready ]; then
		bad "$w: never reached the fsync: $(cat ../err)"
		kill -KILL $pid 2> /dev/null
	fi
	kill -"$sig" $pid
	{ wait $pid; } 2> /dev/null	# the shell would say "Terminated"
	st=$?
	rm -f ../ready
	if [ $st -ne "$want" ]; then bad "$w: SIG$sig during the write: exited $st, not $want: $(cat ../err)"
	elif [ "$(cat f.svg)" != "$OLD" ]; then bad "$w: SIG$sig during the write changed the file"
	elif [ "$(ls -A)" != f.svg ]; then bad "$w: SIG$sig during the write left: $(ls -A | tr '\n' ' ')"
	else ok; fi
	cd .. || exit 99
}
# writer.sh WRITER PATH, run by killed: the writer by `exec`, so that the signal reaches
# it, with the shim preloaded in it alone
cat > writer.sh <<EOF
run() { exec env LD_PRELOAD="\$PRELOAD" "$scen" "\$@"; }
case \$1 in
fmt) run fmt -w "\$2" ;;
shard) run run s.scen --shard 1/1 -o "\$2" ;;
save) printf ':save %s\n' "\$2" > save.in && run repl s.scen < save.in ;;
esac
EOF
if env --default-signal=INT true 2> /dev/null; then defaultsig=yes; fi
if [ -f "$shim" ]; then
	for w in fmt shard save; do
		killed "$w" TERM 143
		killed "$w" HUP 129
		killed "$w" PIPE 141
		if [ -n "$defaultsig" ]; then
			if [ "$w" != shard ]; then killed "$w" INT 130; else
				killed "$w" INT 3	# its handler: the rewrite fails, interrupted
				grep -q "interrupted (the file is unchanged)" err ||
					bad "shard: SIGINT: $(cat err)"
			fi
		fi
	done
else
	skipped "signals at the fsync: $shim not built"
fi

# a write past `ulimit -f` (512-byte blocks in sh): SIGXFSZ in the middle of the write
# fsize COMMAND...: COMMAND under `ulimit -f 1`, its stderr in ../err (the shell that
# says "File size limit exceeded" is not ours)
fsize() { sh -c '(ulimit -f 1 && exec "$@" 2> ../err); st=$?; exit $st' sh "$@" 2> /dev/null; }
rm -rf fsize && mkdir fsize && cd fsize || exit 99
i=0
while [ $i -lt 200 ]; do echo "let   x$i=$i"; i=$((i + 1)); done > big.svg
cp big.svg before
for w in fmt shard save; do
	case $w in
	fmt) fsize "$scen" fmt -w big.svg ;;
	shard) fsize "$scen" run ../u.scen --draws 2000 --shard 1/1 -o big.svg ;;
	save) echo ':save big.svg' | fsize "$scen" repl big.svg > /dev/null ;;
	esac
	st=$?
	if [ $st -ne 153 ]; then bad "$w: past ulimit -f: exited $st, not 153 (SIGXFSZ): $(cat ../err)"
	elif ! cmp -s big.svg before; then bad "$w: past ulimit -f: the file changed"
	elif [ "$(ls -A | tr '\n' ' ')" != "before big.svg " ]; then
		bad "$w: past ulimit -f: left $(ls -A | tr '\n' ' ')"
	else ok; fi
done
cd .. || exit 99

left=$(find . -name '*.??????' | head -n 5)
if [ -z "$left" ]; then ok; else bad "temporary files left: $left"; fi

# ---- plot into a missing folder ----
"$scen" plot sweeps.scen -o /nonexistent/x.svg > out 2> err
st=$?
if [ $st -ne 3 ]; then bad "plot -o /nonexistent/x.svg exited $st, not 3"
elif [ -s out ]; then bad "plot -o /nonexistent/x.svg printed $(wc -c < out) bytes on stdout"
elif [ "$(cat err)" != "scen plot: cannot write '/nonexistent/x.svg': No such file or directory" ]
then bad "plot -o /nonexistent/x.svg said: $(cat err)"
else ok; fi

# ---- an interrupted run ----

# interrupted WANT ARGS...: `scen ARGS` stopped by SIGINT (sent until it ends; SIGINT is
# ignored until scen sets its handler) exits WANT
interrupted() {
	want=$1
	shift
	(trap '' INT && exec "$scen" "$@") > out 2> err &
	pid=$!
	i=0
	sleep 0.3
	while kill -INT $pid 2> /dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
	kill -KILL $pid 2> /dev/null
	wait $pid
	st=$?
	[ $st -eq "$want" ] || bad "scen $* stopped by SIGINT exited $st, not $want: $(cat err)"
	[ $st -ne "$want" ] || ok
}
interrupted 130 run u.scen --draws 2000000000
grep -q '^interrupted: these results cover only the draws made$' out || bad "no interrupted mark"
interrupted 130 run u.scen --draws 2000000000 --format csv
if grep -q '^settlement s vs r,settlement,,,' out; then ok; else bad "the interrupted CSV report is not there"; fi
interrupted 130 run u.scen --draws 2000000000 --shard 1/1 -o stopped.json
if [ -e stopped.json ] || ! grep -q 'interrupted: shard 1/1 not written' err; then
	bad "an interrupted shard wrote its partial or did not say so: $(cat err)"
fi

[ "$skip" -eq 0 ] || echo "writes: $skip skipped"
echo "writes: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
