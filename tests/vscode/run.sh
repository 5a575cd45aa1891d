#!/bin/sh
# tests/vscode/run.sh: the VS Code extension (editors/vscode/). Its npm packages
# (package-lock.json) are installed with `npm ci` into the build tree (tests/vscode/npm),
# or taken from editors/vscode/node_modules when a developer ran `npm ci` there; then:
#   - test/grammar.js: vscode-textmate + vscode-oniguruma tokenise every example and test
#     input with the TextMate grammar, and each comment, string, number (`_`, `%`) and
#     reserved word of parser/lex.l gets its scope;
#   - test/client.js: extension.js starts `scen lsp` as the settings say.
# The grammar's word lists are checked without node, by tests/editors/run.sh; the .vsix
# is built by `make vsix`. Without node and npm, or when `npm ci` cannot reach the
# registry, the test is skipped (status 77). The last line is `vscode: N passed, M failed`.
srcdir=${srcdir:-.}
ext=$srcdir/editors/vscode
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "vscode: skipped: node and npm are not installed"
	exit 77
fi
if [ -d "$ext/node_modules/vscode-textmate" ] && [ -d "$ext/node_modules/vscode-oniguruma" ]; then
	modules=$ext/node_modules
else
	npmdir=$PWD/tests/vscode/npm
	if [ ! -d "$npmdir/node_modules/vscode-textmate" ] ||
	   ! cmp -s "$ext/package-lock.json" "$npmdir/package-lock.json"; then
		rm -rf "$npmdir" && mkdir -p "$npmdir" || exit 99
		cp "$ext/package.json" "$ext/package-lock.json" "$npmdir/" || exit 99
		if ! (cd "$npmdir" && npm ci --no-audit --no-fund --ignore-scripts >npm.log 2>&1); then
			echo "vscode: skipped: npm ci failed (is the npm registry reachable?):"
			tail -n 5 "$npmdir/npm.log"
			rm -rf "$npmdir"
			exit 77
		fi
	fi
	modules=$npmdir/node_modules
fi
pass=0 fail=0
for t in grammar client; do
	NODE_PATH=$modules node "$ext/test/$t.js" "$srcdir" > "tests/vscode/$t.out" 2>&1
	grep -v ' passed, [0-9]* failed$' "tests/vscode/$t.out"
	set -- $(sed -n 's/^[a-z]*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "tests/vscode/$t.out")
	if [ $# -eq 2 ]; then
		pass=$((pass + $1)) fail=$((fail + $2))
	else
		echo "FAIL: vscode: test/$t.js did not finish"
		fail=$((fail + 1))
	fi
done
rm -f tests/vscode/grammar.out tests/vscode/client.out
echo "vscode: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
