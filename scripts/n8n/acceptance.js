'use strict';
// `npm run test:n8n` (node scripts/n8n test): the acceptance suite against real n8n. Installs
// each n8n version into the cache once, builds and packs this package once, then runs test/n8n
// (jest, its own config) per version: 2.41.1 on Node 24, 1.123.81 on Node 20. Prints how long
// each part took.
//   npm run test:n8n [-- --version 2.41.1] [--no-screenshots] [--update-screenshots (rewrites docs/screenshots)]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureRedisServer } = require('./redis');
const { VERSIONS, log } = require('../lib/runtime');
const { buildAndPack, REPO } = require('../lib/pack');
const { runProcess } = require('../lib/processes');

// Hard upper bound per version's jest run: CI must never hang on a stuck n8n.
const SUITE_TIMEOUT_MS = 15 * 60_000;

/** `node scripts/n8n test [--version 2.41.1] …`; exits 1 when a version's suite fails. */
async function runAcceptance(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			version: { type: 'string', multiple: true },
			screenshots: { type: 'boolean', default: true },
			'no-screenshots': { type: 'boolean', default: false },
			'update-screenshots': { type: 'boolean', default: false },
		},
	});
	const versions = values.version ?? Object.keys(VERSIONS);
	const timings = [];
	const timed = async (label, action) => {
		const started = Date.now();
		try {
			return await action();
		} finally {
			timings.push([label, Date.now() - started]);
			log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}
	};

	const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-acceptance-'));
	log(`work folder ${workRoot} (kept on failure)`);
	// On a fresh machine both installs run at once (mostly download and unpack time), each in its
	// own process with its own Node; on a warm cache this is a marker-file check.
	await timed(`install n8n ${versions.join(' + ')} (cached after the first run)`, async () => {
		const results = await Promise.all(
			versions.map((version) =>
				runProcess(process.execPath, [path.join(__dirname, 'index.js'), 'install', version], {
					timeoutMs: 40 * 60_000,
					name: `install n8n ${version}`,
					onOutput: (text) => process.stderr.write(text),
				}),
			),
		);
		const failure = results.findIndex((result) => result.code !== 0);
		if (failure !== -1) throw new Error(`installing n8n ${versions[failure]} failed`);
	});
	await timed('redis-server present', () => ensureRedisServer());
	const { tarball } = await timed('build and npm pack', () =>
		buildAndPack(path.join(workRoot, 'pack')),
	);

	let failed = false;
	for (const version of versions) {
		const jest = path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js');
		const args = [jest, '--config', path.join(REPO, 'test', 'n8n', 'jest.config.js')];
		const env = {
			...process.env,
			N8N_ACCEPTANCE_VERSION: version,
			N8N_ACCEPTANCE_TARBALL: tarball,
			N8N_ACCEPTANCE_WORKDIR: path.join(workRoot, `n8n-${version}`),
			N8N_ACCEPTANCE_UPDATE_SCREENSHOTS: values['update-screenshots'] ? '1' : '0',
			N8N_ACCEPTANCE_SCREENSHOTS: values.screenshots && !values['no-screenshots'] ? '1' : '0',
		};
		const { code } = await timed(
			`acceptance on n8n ${version} (Node ${VERSIONS[version].node})`,
			() =>
				runProcess(process.execPath, args, {
					env,
					cwd: REPO,
					timeoutMs: SUITE_TIMEOUT_MS,
					name: `jest (n8n ${version})`,
					onOutput: (text) => process.stdout.write(text),
				}),
		);
		if (code !== 0) failed = true;
	}

	console.log('\nTimings');
	for (const [label, ms] of timings)
		console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${label}`);
	if (failed) {
		console.log(`\nFAILED. n8n logs: ${workRoot}/n8n-<version>/n8n-<version>.log`);
		process.exit(1);
	}
	fs.rmSync(workRoot, { recursive: true, force: true });
	console.log('\nAll acceptance suites passed.');
}

module.exports = { runAcceptance };
