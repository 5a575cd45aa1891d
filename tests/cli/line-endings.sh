#!/bin/sh
# tests/cli/line-endings.sh: a file with CRLF line endings (Windows) is read as the same
# file with LF: `scen run` of each example, and of each with its lines ended by CRLF
# instead, print the same report. One with CR alone (classic Mac OS) is refused with one
# located error, never read as one line (the lexer takes a lone CR as a blank, so the
# comment at the top of every example would have swallowed the whole file, which then
# checked, empty: errors/parse-line-endings-cr holds the diagnostic).
NAME=cli/line-endings
. "${srcdir:-.}/tests/lib.sh"

mkdir "$tmp/lf" "$tmp/crlf" "$tmp/cr"
for f in "$srcdir"/examples/*.scen; do
	name=$(basename "$f")
	cp "$f" "$tmp/lf/$name"
	sed 's/$/\r/' "$f" > "$tmp/crlf/$name"
	tr '\n' '\r' < "$f" > "$tmp/cr/$name"
	check "$name: the CRLF copy has CRLF endings" grep -q "$(printf '\r')\$" "$tmp/crlf/$name"
	(cd "$tmp/lf" && "$scen" run --draws 100 "$name" > "$tmp/$name.lf" 2>&1)
	check "$name: scen run of the LF file works" [ $? -eq 0 ]
	(cd "$tmp/crlf" && "$scen" run --draws 100 "$name" > "$tmp/$name.crlf" 2>&1)
	check "$name: scen run of the CRLF file works" [ $? -eq 0 ]
	check "$name: CRLF and LF print the same report" cmp -s "$tmp/$name.lf" "$tmp/$name.crlf"
	(cd "$tmp/cr" && NO_COLOR=1 "$scen" check "$name" > /dev/null 2> "$tmp/$name.cr")
	check "$name: the CR file is refused (exit 1)" [ $? -eq 1 ]
	check "$name: with one error, at line 1, naming the CR endings" \
		sh -c "[ \$(grep -c ': error: ' '$tmp/$name.cr') -eq 1 ] &&
		       grep -q '^$name:1:[0-9]*: error: .*carriage return alone (CR' '$tmp/$name.cr'"
done
finish
