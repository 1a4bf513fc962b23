'use strict';
// Installs n8n <version> into the cache once (npm install --ignore-scripts, then the one native
// module n8n needs at run time: sqlite3). A finished install is marked with .installed; an
// interrupted one is thrown away and redone. Usage: node scripts/n8n install [2.41.1|1.123.81]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { VERSIONS, DEFAULT_VERSION, installDir, runtimeEnv, log } = require('../lib/runtime');

const INSTALL_TIMEOUT_MS = 30 * 60_000;

function ensureN8n(version) {
	const dir = installDir(version);
	const marker = path.join(dir, '.installed');
	if (fs.existsSync(marker)) return dir;
	const env = runtimeEnv(version);
	const started = Date.now();
	const work = `${dir}.partial-${process.pid}`;
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	const spec = VERSIONS[version];
	const manifest = {
		name: `n8n-${version}-runtime`,
		private: true,
		dependencies: { n8n: version },
	};
	if (spec.overrides) manifest.overrides = spec.overrides;
	fs.writeFileSync(path.join(work, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	log(`installing n8n ${version} into ${dir} (once; several minutes and ~3 GB)`);
	const npm = (args, extraEnv = {}) =>
		execFileSync('npm', args, {
			cwd: work,
			env: { ...env, ...extraEnv },
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: INSTALL_TIMEOUT_MS,
		});
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
	// sqlite3 has no prebuilt binary reachable here, so node-gyp compiles it: on every core.
	npm(['rebuild', 'sqlite3'], { JOBS: 'max' });
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(work, dir);
	fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return dir;
}

/** `node scripts/n8n install [version …]`: each version given, else the default one. */
function install(versions) {
	for (const version of versions.length ? versions : [DEFAULT_VERSION]) ensureN8n(version);
}

module.exports = { ensureN8n, install };
