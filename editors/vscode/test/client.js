// test/client.js: extension.js, loaded with stand-ins for the `vscode` module and for
// vscode-languageclient (neither runs outside VS Code): activate() must start one
// language client on `SCEN lsp` for .scen files (saved or untitled), with scen.path as
// the program and scen.importPath prepended to SCEN_PATH; changing scen.path restarts
// it; deactivate() stops it. Prints `client: N passed, M failed`.
'use strict';
const Module = require('module');
const path = require('path');

let passed = 0, failed = 0;
function ok(name, cond, detail) {
	if (cond) {
		passed++;
	} else {
		failed++;
		console.log(`FAIL: client: ${name}${detail ? ': ' + detail : ''}`);
	}
}

const settings = { path: '/opt/scen/bin/scen', importPath: ['/data/mods', '/data/more'] };
const clients = [];
let configListener = null;
const vscode = {
	workspace: {
		getConfiguration: (section) => ({ get: (k) => (section === 'scen' ? settings[k] : undefined) }),
		createFileSystemWatcher: (glob) => ({ glob }),
		onDidChangeConfiguration: (f) => { configListener = f; return { dispose() {} }; },
	},
	commands: { registerCommand: (name, f) => ({ name, f, dispose() {} }) },
	window: { showErrorMessage: (m) => { throw new Error('unexpected error message: ' + m); } },
};
class LanguageClient {
	constructor(id, name, server, client) {
		Object.assign(this, { id, name, server, client, started: 0, stopped: 0 });
		clients.push(this);
	}
	async start() { this.started++; }
	async stop() { this.stopped++; }
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
	if (request === 'vscode' || request === 'vscode-languageclient/node')
		return request;
	return resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
require.cache['vscode-languageclient/node'] = {
	id: 'lc', filename: 'lc', loaded: true, exports: { LanguageClient },
};

async function main() {
	process.env.SCEN_PATH = '/usr/share/extra';
	const ext = require(path.join(__dirname, '..', 'extension.js'));
	const context = { subscriptions: [] };
	await ext.activate(context);
	ok('activate starts one client', clients.length === 1 && clients[0].started === 1);
	const c = clients[0];
	ok('the server is `scen.path lsp`', c.server.command === '/opt/scen/bin/scen' &&
		JSON.stringify(c.server.args) === '["lsp"]', JSON.stringify(c.server));
	ok('scen.importPath goes before SCEN_PATH', c.server.options.env.SCEN_PATH ===
		'/data/mods:/data/more:/usr/share/extra', c.server.options.env.SCEN_PATH);
	ok('for .scen files, saved or untitled', JSON.stringify(c.client.documentSelector) ===
		JSON.stringify([{ scheme: 'file', language: 'scen' }, { scheme: 'untitled', language: 'scen' }]));
	ok('it watches .scen files (imports change on disk)',
		c.client.synchronize.fileEvents.glob === '**/*.scen');
	ok('a restart command', context.subscriptions.some((s) => s.name === 'scen.restartServer'));
	settings.path = '';
	settings.importPath = [];
	await configListener({ affectsConfiguration: (k) => k === 'scen.path' });
	await new Promise((r) => setTimeout(r, 10));
	ok('a new scen.path restarts the server; an empty one means `scen`', clients.length === 2 &&
		c.stopped === 1 && clients[1].server.command === 'scen' &&
		clients[1].server.options.env.SCEN_PATH === '/usr/share/extra');
	await ext.deactivate();
	ok('deactivate stops it', clients[1].stopped === 1);
	console.log(`client: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((e) => {
	console.log(`FAIL: client: ${e.stack || e}`);
	console.log(`client: ${passed} passed, ${failed + 1} failed`);
	process.exitCode = 1;
});
