'use strict';
// Builds this package and packs it with `npm pack`, the file a user installs; then installs that
// into an n8n user folder's community-package folder (.n8n/nodes) from the local registry.
const fs = require('node:fs');
const path = require('node:path');
const { runProcess } = require('./processes');

const REPO = path.resolve(__dirname, '..', '..');

async function buildAndPack(destination, { build = true } = {}) {
	fs.mkdirSync(destination, { recursive: true });
	if (build) {
		const built = await runProcess('npm', ['run', 'build', '--silent'], {
			cwd: REPO,
			timeoutMs: 300_000,
			name: 'npm run build',
		});
		if (built.code !== 0) throw new Error(`npm run build failed\n${built.output.slice(-4000)}`);
	}
	const packed = await runProcess('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO,
		timeoutMs: 120_000,
		name: 'npm pack',
	});
	if (packed.code !== 0) throw new Error(`npm pack failed\n${packed.output.slice(-4000)}`);
	const json = packed.output.slice(packed.output.indexOf('['));
	const [{ filename, files }] = JSON.parse(json);
	return { tarball: path.join(destination, filename), files: files.map((file) => file.path) };
}

/**
 * Installs `name@version` into `<userFolder>/.n8n/nodes` with npm from `registryUrl`: the folder
 * n8n's own community-package installer writes to and loads every package from at startup.
 * `env` is the n8n version's runtime environment (its npm and Node).
 */
async function installCommunityPackage({ nodesDir, registryUrl, name, version, env }) {
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	// The same manifest n8n creates on first use of Settings > Community nodes.
	if (!fs.existsSync(manifest))
		fs.writeFileSync(
			manifest,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
	const installed = await runProcess(
		'npm',
		[
			'install',
			`${name}@${version}`,
			`--registry=${registryUrl}`,
			'--ignore-scripts',
			'--legacy-peer-deps', // n8n provides n8n-workflow itself, as its own installer assumes
			'--no-audit',
			'--no-fund',
			'--package-lock=false',
			'--prefer-online',
		],
		{
			cwd: nodesDir,
			env: { ...env, npm_config_cache: path.join(nodesDir, '..', 'npm-cache') },
			timeoutMs: 120_000,
			name: 'npm install (community package)',
		},
	);
	if (installed.code !== 0)
		throw new Error(
			`installing ${name}@${version} into ${nodesDir} failed\n${installed.output.slice(-4000)}`,
		);
	return path.join(nodesDir, 'node_modules', name);
}

module.exports = { REPO, buildAndPack, installCommunityPackage };
