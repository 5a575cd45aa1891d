// extension.js: the scen extension's client. It starts `scen lsp` (the setting
// `scen.path`, `scen` on PATH by default) with vscode-languageclient, for every .scen
// file, saved or not; `scen.importPath` becomes SCEN_PATH. Changing a `scen.*` setting
// or running "scen: Restart the language server" starts the server again.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverOptions() {
	const config = vscode.workspace.getConfiguration('scen');
	const env = Object.assign({}, process.env);
	const dirs = config.get('importPath') || [];
	if (dirs.length > 0)
		env.SCEN_PATH = dirs.concat(env.SCEN_PATH ? [env.SCEN_PATH] : []).join(':');
	return { command: config.get('path') || 'scen', args: ['lsp'], options: { env } };
}

function clientOptions() {
	return {
		documentSelector: [
			{ scheme: 'file', language: 'scen' },
			{ scheme: 'untitled', language: 'scen' },
		],
		// an imported file that changes on disk changes the diagnostics of its importers
		synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.scen') },
	};
}

async function start() {
	client = new LanguageClient('scen', 'scen', serverOptions(), clientOptions());
	try {
		await client.start();
	} catch (err) {
		vscode.window.showErrorMessage(
			`scen: cannot start "${serverOptions().command} lsp" (${err.message}); ` +
			'set scen.path to the scen program.');
	}
}

async function restart() {
	if (client)
		await client.stop().catch(() => undefined);
	await start();
}

async function activate(context) {
	context.subscriptions.push(
		vscode.commands.registerCommand('scen.restartServer', restart),
		vscode.workspace.onDidChangeConfiguration((e) => {
			if (e.affectsConfiguration('scen.path') || e.affectsConfiguration('scen.importPath'))
				restart();
		}));
	await start();
}

function deactivate() {
	return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
