#!/bin/sh
# tests/golden/run.sh: `scen fmt` against hand-written canonical text.
#   - fmt/NAME.scen: `scen fmt NAME.scen` must print fmt/NAME.fmt exactly, and
#     `scen fmt NAME.fmt` must print it again (idempotence);
#   - examples/NAME.scen of the source tree: `scen fmt` must print
#     golden/examples/NAME.fmt (a missing .fmt is a failure);
#   - `scen fmt -w` rewrites a changed file in place (by rename: a new inode) and leaves
#     a canonical file alone (same inode, same mtime).
#   - run/NAME.scen: `scen run NAME.scen [ARGS]`, run inside run/, must print run/NAME.out
#     exactly (ARGS from run/NAME.args when it exists); each .scen says in its comments
#     what it shows and how every number of its .out was computed by hand;
#   - examples/NAME.scen of the source tree: `scen run NAME.scen [ARGS]` (in examples/)
#     must print golden/examples/NAME.out (a missing .out is a failure; ARGS from
#     golden/examples/NAME.args).
#   - tables/NAME.EXT.args: `scen run ARGS` (the file is among the ARGS), run inside
#     tables/, must print tables/NAME.EXT exactly: the Markdown and LaTeX tables of
#     --format markdown|latex, whose numbers are those of the text report of the same
#     run (tests/golden/README says how each was computed by hand); batch.md and
#     batch.tex are kenya.md and kenya.tex twice, each after its file's heading, the
#     name kenya_au.scen escaped (`# kenya\_au.scen`, `% kenya\_au.scen`);
#   - diff/NAME.old.scen and diff/NAME.new.scen: `scen diff NAME.old.scen NAME.new.scen`,
#     run inside diff/ with --threads 1 and again with --threads 2, must print
#     diff/NAME.out exactly, then `exit N` (0 no change beyond noise, 1 differences); with --format markdown, latex and csv, diff/NAME.md,
#     diff/NAME.tex and diff/NAME.csv (its provenance masked) when they exist (the same numbers as NAME.out, in tables); the .old.scen says what changed and how every number
#     was computed by hand.
#   - flip/NAME.args: `scen flip ARGS` inside flip/ must print flip/NAME.out exactly.
#   - sense/NAME.args: `scen sense ARGS` inside sense/, at --threads 1 and 2, must print
#     sense/NAME.out exactly.
# Every other case must exit 0 (tests/lib.sh: the one convention for a status). The last line is `golden: N passed, M failed`.
srcdir=${srcdir:-.}
scen=${SCEN:-$PWD/scen}
dir=$srcdir/tests/golden
tmp=$(mktemp -d "${TMPDIR:-/tmp}/scen-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# expect_fmt NAME INPUT EXPECTED: `scen fmt INPUT` prints EXPECTED and exits 0.
expect_fmt() {
	if ! $scen fmt "$2" > "$tmp/out" 2> "$tmp/err"; then
		bad "$1: scen fmt exited $?"
		sed 's/^/    /' "$tmp/err"
	elif cmp -s "$3" "$tmp/out"; then
		ok
	else
		bad "$1"
		diff -u "$3" "$tmp/out" | sed 's/^/    /'
	fi
}

for input in "$dir"/fmt/*.scen; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .scen)
	expect_fmt "fmt/$name" "$input" "$dir/fmt/$name.fmt"
	expect_fmt "fmt/$name (idempotence)" "$dir/fmt/$name.fmt" "$dir/fmt/$name.fmt"
done

for input in "$srcdir"/examples/*.scen; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .scen)
	if [ -f "$dir/examples/$name.fmt" ]; then
		expect_fmt "examples/$name" "$input" "$dir/examples/$name.fmt"
	else
		bad "examples/$name: no tests/golden/examples/$name.fmt"
	fi
done

provenance_mask() { # FILE, in place
	sed -E -i -e 's/^# scen .*/# scen VERSION/; s/^# digest [0-9a-f]{64}$/# digest SHA256/' \
		-e 's/^# file \\?[0-9a-f]{64}  /# file SHA256  /; s|^(# file SHA256  ).*/prelude\.scen$|\1PRELUDE|' \
		-e 's/^( *"scen": )"[^"]*"/\1"VERSION"/; s/^( *"(digest|sha256)": )"[0-9a-f]{64}"/\1"SHA256"/' \
		-e 's|^( *"path": )"[^"]*/prelude\.scen"|\1"PRELUDE"|' "$1"
}

# expect_output NAME DIR EXPECTED SUBCOMMAND ARGS...: `scen SUBCOMMAND ARGS` in DIR exits 0
# and prints EXPECTED. What the provenance of a CSV or JSON holds that changes with each
# release or edit of a file is masked (provenance_mask): the version (VERSION), the
# digest and the files' hashes (SHA256), the prelude's path (PRELUDE: the build's);
# the rest (seed, draws, paths, --set) is compared. tests/run/provenance.sh checks what
# the masks hide.
expect_output() {
	what=$1 in=$2 want=$3
	shift 3
	if ! (cd "$in" && $scen "$@") > "$tmp/out" 2> "$tmp/err"; then
		bad "$what: scen $1 exited with an error"
		sed 's/^/    /' "$tmp/err"
	elif provenance_mask "$tmp/out" && cmp -s "$want" "$tmp/out"; then
		ok
	else
		bad "$what"
		diff -u "$want" "$tmp/out" | sed 's/^/    /'
	fi
}

# expect_run NAME DIR FILE EXPECTED ARGSFILE: `scen run FILE ARGS` in DIR prints EXPECTED.
expect_run() {
	args=
	[ -f "$5" ] && args=$(cat "$5")
	# shellcheck disable=SC2086 # ARGS are words
	expect_output "$1" "$2" "$4" run "$3" $args
}

for input in "$dir"/run/*.scen; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .scen)
	expect_run "run/$name" "$dir/run" "$name.scen" "$dir/run/$name.out" "$dir/run/$name.args"
done

for input in "$srcdir"/examples/*.scen; do
	[ -e "$input" ] || continue
	name=$(basename "$input" .scen)
	if [ -f "$dir/examples/$name.out" ]; then
		expect_run "examples/$name (run)" "$srcdir/examples" "$name.scen" \
			"$dir/examples/$name.out" "$dir/examples/$name.args"
	else
		bad "examples/$name: no tests/golden/examples/$name.out"
	fi
done

for argsfile in "$dir"/tables/*.args; do
	[ -e "$argsfile" ] || continue
	name=$(basename "$argsfile" .args)
	# shellcheck disable=SC2046 # ARGS are words
	expect_output "tables/$name" "$dir/tables" "$dir/tables/$name" run $(cat "$argsfile")
done

# flip/NAME.args: `scen flip ARGS` (the file is among the ARGS), run inside flip/, must
# print flip/NAME.out exactly; flip/NAME.scen's comment derives every breakpoint by hand.
for argsfile in "$dir"/flip/*.args; do
	[ -e "$argsfile" ] || continue
	name=$(basename "$argsfile" .args)
	# shellcheck disable=SC2046 # ARGS are words
	expect_output "flip/$name" "$dir/flip" "$dir/flip/$name.out" flip $(cat "$argsfile")
done

# sense/NAME.args: `scen sense ARGS` inside sense/, with --threads 1 and again with
# --threads 2, must print sense/NAME.out exactly (the same draws at any thread count);
# sense/NAME.scen's comment derives the numbers in closed form.
for argsfile in "$dir"/sense/*.args; do
	[ -e "$argsfile" ] || continue
	name=$(basename "$argsfile" .args)
	for threads in 1 2; do
		# shellcheck disable=SC2046 # ARGS are words
		expect_output "sense/$name (--threads $threads)" "$dir/sense" "$dir/sense/$name.out" \
			sense $(cat "$argsfile") --threads $threads
	done
done

# expect_diff NAME: both thread counts print diff/NAME.out, whose last line is the status.
expect_diff() {
	for threads in 1 2; do
		(cd "$dir/diff" && $scen diff "$1.old.scen" "$1.new.scen" --threads $threads) \
			> "$tmp/out" 2> "$tmp/err"
		echo "exit $?" >> "$tmp/out"
		if cmp -s "$dir/diff/$1.out" "$tmp/out"; then
			ok
		else
			bad "diff/$1 (--threads $threads)"
			diff -u "$dir/diff/$1.out" "$tmp/out" | sed 's/^/    /'
			sed 's/^/    /' "$tmp/err"
		fi
		for ext in md:markdown tex:latex csv:csv; do
			[ -f "$dir/diff/$1.${ext%%:*}" ] || continue
			(cd "$dir/diff" && $scen diff "$1.old.scen" "$1.new.scen" \
				--threads $threads --format "${ext#*:}") > "$tmp/out" 2> "$tmp/err"
			provenance_mask "$tmp/out"
			if cmp -s "$dir/diff/$1.${ext%%:*}" "$tmp/out"; then
				ok
			else
				bad "diff/$1 (--format ${ext#*:}, --threads $threads)"
				diff -u "$dir/diff/$1.${ext%%:*}" "$tmp/out" | sed 's/^/    /'
			fi
		done
	done
}

for input in "$dir"/diff/*.old.scen; do
	[ -e "$input" ] || continue
	expect_diff "$(basename "$input" .old.scen)"
done

# inode and mtime of a file, for telling a rewrite from no write.
stamp() { ls -i "$1" | cut -d' ' -f1; date -r "$1" +%s.%N; }

# -w on a file that changes: rewritten with the canonical text, by rename. (The copies
# are made writable: under distcheck the sources are read-only, which fmt -w refuses.)
cp "$dir/fmt/items.scen" "$tmp/w.scen"
chmod u+w "$tmp/w.scen"
before=$(stamp "$tmp/w.scen")
if $scen fmt -w "$tmp/w.scen" && cmp -s "$tmp/w.scen" "$dir/fmt/items.fmt" &&
   [ "$(stamp "$tmp/w.scen" | head -n 1)" != "$(echo "$before" | head -n 1)" ]; then
	ok
else
	bad "fmt -w: a changed file is not rewritten atomically with the canonical text"
fi
[ "$(ls "$tmp")" = "$(printf 'err\nout\nw.scen')" ] && ok ||
	bad "fmt -w: left a temporary file behind"

# -w on a canonical file: not touched at all.
cp "$dir/fmt/kosovo.fmt" "$tmp/canonical.scen"
chmod u+w "$tmp/canonical.scen"
touch -d '2001-01-01 00:00:00' "$tmp/canonical.scen"
before=$(stamp "$tmp/canonical.scen")
if $scen fmt -w "$tmp/canonical.scen" && [ "$(stamp "$tmp/canonical.scen")" = "$before" ] &&
   cmp -s "$tmp/canonical.scen" "$dir/fmt/kosovo.fmt"; then
	ok
else
	bad "fmt -w: a canonical file was rewritten"
fi

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
