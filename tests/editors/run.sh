#!/bin/sh
# tests/editors/run.sh: the editor support in editors/ agrees with the language.
#   - the reserved words of the vim syntax file, of the Emacs mode and of the VS Code
#     grammar (editors/vscode/syntaxes) are exactly the keywords of parser/lex.l; their
#     roles, builtins and events are exactly the checker's (check/attrs.c,
#     check/builtins.c, check/expr.c); so are the keywords `scen lsp` completes
#     (lsp/complete.c); the extension's version is scen's;
#   - with vim: the syntax, ftdetect, ftplugin and indent files load on every example
#     and stdlib module without an error, give the expected groups, and re-indent each
#     file (indentation stripped, gg=G) to itself (tests/editors/check.vim);
#   - with emacs: scen-mode.el byte-compiles without a warning; visiting a .scen file
#     turns the mode on; indent-region gives each file back; faces of a sample
#     (tests/editors/check.el).
# vim or emacs missing: those checks are skipped and counted as such. The last line is
# `editors: N passed, M failed`.
NAME=editors
. "${srcdir:-.}/tests/lib.sh"
dir=$srcdir/tests/editors
vimdir=$srcdir/editors/vim
el=$srcdir/editors/emacs/scen-mode.el
skip=0
skipped() { skip=$((skip + $1)); echo "SKIP: editors: $2"; }

# same NAME EXPECTED GOT: the two word lists (one a line) hold the same words
same() {
	sort -u "$2" > "$tmp/want"
	sort -u "$3" > "$tmp/got"
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then ok; else
		bad "$1 (< missing, > extra)"
		diff "$tmp/want" "$tmp/got" | grep '^[<>]'
	fi
}
words() { tr -s ' \t' '\n\n' | grep -v '^$'; }

# ---- the language's word lists, from the sources ----
sed -n 's/^"\([a-z_]*\)"[[:space:]]*\(CONT\|ENDS\)(T_.*/\1/p' "$srcdir/parser/lex.l" > "$tmp/keywords"
[ "$(wc -l < "$tmp/keywords")" -ge 20 ] || bad "found only $(wc -l < "$tmp/keywords") keywords in parser/lex.l"
sed -n 's/.*\(ROLE("\([a-z_]*\)", true\|BARE("\([a-z_]*\)"\|ALIAS("\([a-z_]*\)"\).*/\2\3\4/p' "$srcdir/check/attrs.c" > "$tmp/roles"
# the table of check/builtins.c: MATH(BM_MIN, "min", ...), MATH_IN(...), DIST("uniform", ...),
# { "choice", 2, 2, B_DIST, ...
grep -o '^	\(MATH\|MATH_IN\)(BM_[A-Z]*, "[a-z_]*"\|^	DIST("[a-z_]*"\|^	{ "[a-z_]*", [-0-9]*, [-0-9]*, B_\(MATH\|DIST\)' \
	"$srcdir/check/builtins.c" | sed 's/[^"]*"\([a-z_]*\)".*/\1/' > "$tmp/builtins"
[ "$(wc -l < "$tmp/builtins")" -ge 15 ] || bad "found only $(wc -l < "$tmp/builtins") builtins in check/builtins.c"
{ sed -n 's/.*events = "\([a-z_|]*\)";.*/\1/p' "$srcdir/check/expr.c" | tr '|' '\n'
  grep -o '{ "[a-z_]*", [-0-9]*, [-0-9]*, B_\(EVENT\|PROVOCATION\)' "$srcdir/check/builtins.c" |
	sed 's/{ "\([a-z_]*\)".*/\1/'; } > "$tmp/events"

# ---- vim: the keyword lists ----
syn=$vimdir/syntax/scen.vim
vim_group() { # vim_group GROUP...: the words of `syn keyword GROUP ...` lines
	for g in "$@"; do sed -n "s/^syn keyword $g //p" "$syn"; done | words
}
vim_group scenKeyword scenConditional scenLogical scenBoolean scenPrivate > "$tmp/v"
same "vim: reserved words differ from parser/lex.l" "$tmp/keywords" "$tmp/v"
vim_group scenRole > "$tmp/v"
same "vim: roles differ from check/attrs.c" "$tmp/roles" "$tmp/v"
vim_group scenBuiltin scenDistribution > "$tmp/v"
same "vim: builtins differ from check/builtins.c" "$tmp/builtins" "$tmp/v"
vim_group scenEvent > "$tmp/v"
same "vim: events differ from check/expr.c" "$tmp/events" "$tmp/v"

# ---- Emacs: the keyword lists ----
el_list() { # el_list NAME: the strings of (defconst NAME '("a" "b" ...) ...)
	awk -v name="$1" '$0 ~ "^\\(defconst " name "$" { s = 1; next }
		s { print; if ($0 ~ /\)$/) exit }' "$el" | grep -o '"[a-z_]*"' | tr -d '"'
}
el_list scen-keywords > "$tmp/e"
same "emacs: scen-keywords differ from parser/lex.l" "$tmp/keywords" "$tmp/e"
el_list scen-roles > "$tmp/e"
same "emacs: scen-roles differ from check/attrs.c" "$tmp/roles" "$tmp/e"
el_list scen-builtins > "$tmp/e"
same "emacs: scen-builtins differ from check/builtins.c" "$tmp/builtins" "$tmp/e"
el_list scen-events > "$tmp/e"
same "emacs: scen-events differ from check/expr.c" "$tmp/events" "$tmp/e"

# ---- VS Code: the TextMate grammar's word lists (one pattern a line, in (?:...)) ----
tm=$srcdir/editors/vscode/syntaxes/scen.tmLanguage.json
tm_words() { # tm_words SCOPE...: the words of the patterns whose scope starts so
	for s in "$@"; do grep "\"name\": \"$s" "$tm" | sed -n 's/.*(?:\([a-z_|]*\)).*/\1/p'; done |
		tr '|' '\n'
}
tm_words keyword.other keyword.control keyword.operator.logical constant.language.boolean > "$tmp/t"
same "vscode: the grammar's reserved words differ from parser/lex.l" "$tmp/keywords" "$tmp/t"
tm_words support.type.role > "$tmp/t"
same "vscode: the grammar's roles differ from check/attrs.c" "$tmp/roles" "$tmp/t"
tm_words support.function > "$tmp/t"
same "vscode: the grammar's builtins differ from check/builtins.c" "$tmp/builtins" "$tmp/t"
tm_words support.constant.event > "$tmp/t"
same "vscode: the grammar's events differ from check/expr.c" "$tmp/events" "$tmp/t"
# the extension's version is the program's
v=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$srcdir/editors/vscode/package.json")
if [ -z "${SCEN:-}" ] || [ "scen $v" = "$("$SCEN" --version)" ]; then ok; else
	bad "vscode: package.json's version $v is not $("$SCEN" --version)"
fi

# ---- the language server: the keywords it completes (lsp/complete.c) ----
awk '/^static const char \*const keywords\[\] = \{/ { s = 1; next } s && /^\};/ { exit }
	s' "$srcdir/lsp/complete.c" | grep -o '"[a-z_]*"' | tr -d '"' > "$tmp/l"
same "lsp: the keywords of lsp/complete.c differ from parser/lex.l" "$tmp/keywords" "$tmp/l"

files="$srcdir/examples/*.scen $srcdir/stdlib/*.scen"

# ---- vim: load, highlight, indent ----
if command -v vim >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	SCEN_VIM_OUT=$tmp/vim.out vim -es -N -u NONE -i NONE --cmd "set rtp^=$vimdir" \
		-S "$dir/check.vim" $files </dev/null >"$tmp/vim.log" 2>&1
	rc=$?
	nfiles=$(echo $files | wc -w)
	if [ $rc -eq 0 ] && [ "$(cat "$tmp/vim.out" 2>/dev/null)" = "checked $nfiles" ]; then ok; else
		bad "vim (exit $rc):"
		cat "$tmp/vim.out" "$tmp/vim.log" 2>/dev/null | head -n 20
	fi
else
	skipped 1 "vim is not installed: the vim files were not loaded"
fi

# ---- Emacs: byte-compile, mode, indent, faces ----
if command -v emacs >/dev/null 2>&1; then
	cp "$el" "$tmp/scen-mode.el"
	if emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' \
		-f batch-byte-compile "$tmp/scen-mode.el" >"$tmp/emacs.log" 2>&1 &&
		[ -f "$tmp/scen-mode.elc" ]; then ok; else
		bad "emacs: scen-mode.el does not byte-compile cleanly:"
		head -n 20 "$tmp/emacs.log"
	fi
	# shellcheck disable=SC2086
	if emacs -Q --batch -L "$tmp" -l "$dir/check.el" $files >"$tmp/emacs.log" 2>&1; then ok; else
		bad "emacs: scen-mode:"
		head -n 20 "$tmp/emacs.log"
	fi
else
	skipped 2 "emacs is not installed: scen-mode.el was not byte-compiled or loaded"
fi

[ "$skip" -eq 0 ] || echo "editors: $skip skipped"
finish
