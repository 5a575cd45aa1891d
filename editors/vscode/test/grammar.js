// test/grammar.js SRCDIR: the TextMate grammar (syntaxes/scen.tmLanguage.json), run by
// vscode-textmate with vscode-oniguruma as VS Code runs it, on every example, stdlib
// module and test input of the scen sources. Each file is also cut into tokens by a
// reference scanner written here from parser/lex.l's rules (its reserved words read
// from scen.l itself), and every token must get its scope:
//   - a comment (`#` to the end of the line): comment.line.number-sign, all of it;
//   - a string (to its closing quote, or the end of the line): string.quoted.double;
//   - a number (`1_800_000`, `0.25`, `1e6`, `25%`): constant.numeric, as one token,
//     `_` and `%` included;
//   - a reserved word: keyword.* (true, false: constant.language.boolean);
//   - any other name: no keyword scope.
// Then a few lines with their exact scopes. Prints `grammar: N passed, M failed`.
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const srcdir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..'));
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'scen.tmLanguage.json');
let passed = 0, failed = 0;

function ok(name, cond, detail) {
	if (cond) {
		passed++;
	} else {
		failed++;
		console.log(`FAIL: grammar: ${name}${detail ? ': ' + detail : ''}`);
	}
	return cond;
}

// The reserved words: the rules `"word"  CONT(T_...)` / `ENDS(T_...)` of parser/lex.l.
function reservedWords() {
	const lexer = fs.readFileSync(path.join(srcdir, 'parser', 'lex.l'), 'utf8');
	const words = new Set();
	for (const m of lexer.matchAll(/^"([a-z_]+)"\s+(?:CONT|ENDS)\(T_/gm))
		words.add(m[1]);
	return words;
}

// parser/lex.l's tokens of one line: [kind, start, end] in UTF-16 indices of the line.
function scanLine(line, reserved) {
	const out = [];
	const num = /^[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9_]*)?%?/;
	const word = /^[A-Za-z_][A-Za-z0-9_]*/;
	for (let i = 0; i < line.length;) {
		const c = line[i], rest = line.slice(i);
		if (c === '#') {
			out.push(['comment', i, line.length]);
			break;
		}
		if (c === '"') {
			let j = i + 1;
			while (j < line.length && line[j] !== '"')
				j += line[j] === '\\' && j + 1 < line.length ? 2 : 1;
			j = Math.min(j + 1, line.length);
			out.push(['string', i, j]);
			i = j;
			continue;
		}
		let m;
		if ((m = num.exec(rest))) {
			const w = word.exec(rest.slice(m[0].replace(/%$/, '').length));
			if (w && !m[0].endsWith('%')) {	// `2nd`: a bad name, not a number
				i += m[0].length + w[0].length;
				continue;
			}
			out.push(['number', i, i + m[0].length]);
			i += m[0].length;
			continue;
		}
		if ((m = word.exec(rest))) {
			out.push([reserved.has(m[0]) ? 'keyword' : 'name', i, i + m[0].length, m[0]]);
			i += m[0].length;
			continue;
		}
		i++;
	}
	return out;
}

const expected = {
	comment: (s) => s.some((x) => x.startsWith('comment.line.number-sign')),
	string: (s) => s.some((x) => x.startsWith('string.quoted.double')),
	number: (s) => s.some((x) => x.startsWith('constant.numeric')),
	keyword: (s) => s.some((x) => x.startsWith('keyword.') || x.startsWith('constant.language.boolean')),
	name: (s) => !s.some((x) => x.startsWith('keyword.') || x.startsWith('constant.language.boolean')),
};

// Whether every grammar token over [start, end) has the scope the kind wants; a number
// must also be one grammar token.
function scoped(kind, start, end, tokens) {
	const over = tokens.filter((t) => t.startIndex < end && t.endIndex > start);
	if (over.length === 0 || !over.every((t) => expected[kind](t.scopes)))
		return false;
	return kind !== 'number' || (over.length === 1 && over[0].startIndex <= start && over[0].endIndex >= end);
}

function inputs() {
	const dirs = ['examples', 'stdlib', 'tests/errors', 'tests/errors/inc', 'tests/run',
		'tests/golden/fmt', 'tests/golden/run', 'tests/golden/diff', 'tests/golden/repl',
		'tests/golden/examples', 'tests/lsp', 'tests/efg', 'tests/hostile', 'tests/csv',
		'tests/plot', 'tests/shard', 'bench'];
	const files = [];
	for (const d of dirs) {
		const full = path.join(srcdir, d);
		if (!fs.existsSync(full))
			continue;
		for (const f of fs.readdirSync(full).sort())
			if (f.endsWith('.scen') || f.endsWith('.fmt'))
				files.push(path.join(full, f));
	}
	return files;
}

function tokenizeFile(grammar, text) {
	let state = vsctm.INITIAL;
	const lines = text.split(/\r\n|\r|\n/);
	return lines.map((line) => {
		const r = grammar.tokenizeLine(line, state);
		state = r.ruleStack;
		return { line, tokens: r.tokens };
	});
}

function checkFiles(grammar, reserved) {
	const counts = {}, bad = [];
	const files = inputs();
	for (const f of files) {
		const text = fs.readFileSync(f, 'utf8');
		tokenizeFile(grammar, text).forEach(({ line, tokens }, n) => {
			for (const [kind, start, end, w] of scanLine(line, reserved)) {
				counts[kind] = (counts[kind] || 0) + 1;
				if (!scoped(kind, start, end, tokens) && bad.length < 1000)
					bad.push(`${path.relative(srcdir, f)}:${n + 1}:${start + 1}: ${kind} ${JSON.stringify(w || line.slice(start, end))}`);
			}
		});
	}
	const summary = Object.entries(counts).map(([k, v]) => `${v} ${k}s`).join(', ');
	ok(`${files.length} files (${summary}) scoped as parser/lex.l cuts them`, bad.length === 0 && files.length > 100,
		bad.slice(0, 20).join('\n  '));
	for (const kind of ['comment', 'string', 'number', 'keyword', 'name'])
		ok(`the inputs hold ${kind}s`, (counts[kind] || 0) > 50);
}

// Exact scopes of a few tokens: [line, text of the token, the scope it must have].
const samples = [
	['  size = 1_800_000   # people', '1_800_000', 'constant.numeric.scen'],
	['  toll = 1%', '1%', 'constant.numeric.scen'],
	['let big = 1_000%', '1_000%', 'constant.numeric.scen'],
	['let e = 2.5E-3', '2.5E-3', 'constant.numeric.scen'],
	['let bad = 2nd', '2nd', 'invalid.illegal.name.scen'],
	['scenario "Côte d’Ivoire # not a comment" {', '"Côte d’Ivoire # not a comment"', 'string.quoted.double.scen'],
	['scenario "a \\"quoted\\" \\t b"', '\\"', 'constant.character.escape.scen'],
	['scenario "a \\q"', '\\q', 'invalid.illegal.escape.scen'],
	['# a comment with "quotes" and 25%', '# a comment with "quotes" and 25%', 'comment.line.number-sign.scen'],
	['actor kla : rebels {', 'actor', 'keyword.other.item.scen'],
	['actor kla : rebels {', 'rebels', 'support.type.role.scen'],
	['conflict s vs r over k {', 'vs', 'keyword.other.scen'],
	['  cost ~ uniform(5, 15) private', 'uniform', 'support.function.distribution.scen'],
	['  cost ~ uniform(5, 15) private', 'private', 'keyword.other.scen'],
	['  when = rejects(au) and war', 'rejects', 'support.constant.event.scen'],
	['  when = rejects(au) and war', 'and', 'keyword.operator.logical.scen'],
	['fn f(x) = clamp(1 - x, 0, 1)', 'clamp', 'support.function.builtin.scen'],
	['let d = if a then 1 else 0', 'then', 'keyword.control.conditional.scen'],
	['  divisible = false', 'false', 'constant.language.boolean.scen'],
];

function checkSamples(grammar) {
	for (const [line, tok, scope] of samples) {
		const at = line.indexOf(tok);
		const r = grammar.tokenizeLine(line, vsctm.INITIAL);
		const over = r.tokens.filter((t) => t.startIndex < at + tok.length && t.endIndex > at);
		ok(`${JSON.stringify(tok)} in ${JSON.stringify(line)} is ${scope}`,
			over.length > 0 && over.every((t) => t.scopes.includes(scope)),
			JSON.stringify(over.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes])));
	}
	// a name that holds a keyword is no keyword; a string left open ends with its line
	const line = 'let vsx = not_now + notable + import_ + to2';
	const r = grammar.tokenizeLine(line, vsctm.INITIAL);
	const text = (t) => line.slice(t.startIndex, t.endIndex).trim();
	const names = r.tokens.filter((t) => /^[a-z_0-9]+$/.test(text(t)) && text(t) !== 'let');
	ok('keywords inside names are not keywords', names.length === 5 &&
		names.every((t) => t.scopes.length === 1), JSON.stringify(names));
	const two = tokenizeFile(grammar, 'let s = "open\nlet t = 1');
	ok('an unterminated string ends at the end of its line',
		two[1].tokens.some((t) => t.scopes.includes('keyword.other.item.scen')));
}

async function main() {
	const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
	const registry = new vsctm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
			createOnigString: (s) => new oniguruma.OnigString(s),
		}),
		loadGrammar: async (scope) => scope === 'source.scen'
			? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
	});
	const grammar = await registry.loadGrammar('source.scen');
	const reserved = reservedWords();
	ok('parser/lex.l has its reserved words', reserved.size >= 20, String(reserved.size));
	checkFiles(grammar, reserved);
	checkSamples(grammar);
	console.log(`grammar: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	console.log(`FAIL: grammar: ${e.stack || e}`);
	console.log(`grammar: ${passed} passed, ${failed + 1} failed`);
	process.exitCode = 1;
});
