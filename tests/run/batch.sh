#!/bin/sh
# tests/run/batch.sh: `scen run A.scen B.scen ...` (docs/workflows.md). In text each
# file's report after `==> FILE <==`, exactly what `scen run FILE` prints; in CSV one
# table whose rows are each file's CSV rows after a first column `file` (a path with a
# comma or a leading # quoted), each file's provenance comment lines before its rows; in
# JSON an array of each file's document with "file" first; a file with errors adds
# nothing, the others are printed and the status is 1; --shard takes one file. The last line is `run/batch: N passed, M failed`.
NAME=run/batch
. "${srcdir:-.}/tests/lib.sh"
cp "$srcdir/examples/island.scen" "$tmp/a,b.scen"
cp "$srcdir/examples/kenya.scen" "$tmp/kenya.scen"
cd "$tmp" || exit 99
printf 'actor x : nosuchrole { }\n' > bad.scen

text_batch() {
	{ echo "==> a,b.scen <=="; "$scen" run a,b.scen; echo; echo "==> kenya.scen <=="
	  "$scen" run kenya.scen; } > want 2>/dev/null
	"$scen" run a,b.scen kenya.scen > got 2>/dev/null && cmp -s want got
}
check "text: each file's report after its name" text_batch

csv_batch() {
	# each file's provenance comments as they are, the header once
	{ "$scen" run a,b.scen --format csv | sed '/^#/b; /^report,/{s/^/file,/;b;}; s/^/"a,b.scen",/'
	  "$scen" run kenya.scen --format csv | sed '/^#/b; /^report,/d; s/^/kenya.scen,/'
	} > want 2>/dev/null
	"$scen" run a,b.scen kenya.scen --format csv > got 2>/dev/null && cmp -s want got
}
check "csv: one table with a file column" csv_batch
hash_name() { # a file named #k.scen: its field quoted, so that no row reads as a comment
	cp kenya.scen '#k.scen' &&
	"$scen" run '#k.scen' kenya.scen --format csv > got 2>/dev/null &&
	grep -q '^"#k.scen",mediation au,' got && ! grep -q '^#k' got
}
check "csv: a file name that starts with # is not quoted" hash_name

json_batch() {
	"$scen" run a,b.scen kenya.scen --format json > got 2>/dev/null || return 1
	"$scen" run kenya.scen --format json > one 2>/dev/null || return 1
	$have_python || return 0
	python3 - <<'PY'
import json
got, one = json.load(open("got")), json.load(open("one"))
assert [d["file"] for d in got] == ["a,b.scen", "kenya.scen"], got
assert list(got[1])[0] == "file"
del got[1]["file"]
assert got[1] == one
PY
}
check "json: an array of the files' documents, each with its file" json_batch

with_error() {
	"$scen" run a,b.scen bad.scen kenya.scen --format csv > got 2> err
	st=$?
	[ $st -eq 1 ] && grep -q '^bad.scen:1:' err && grep -q '^kenya.scen,' got &&
		! grep -q '^bad.scen' got
}
check "a file with errors: the others printed, status 1" with_error
check "--shard takes one file" sh -c '"$0" run a,b.scen kenya.scen --shard 1/2 \
	2>&1 | grep -q "one FILE at a time"' "$scen"
finish
