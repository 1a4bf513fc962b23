'use strict';
// What npm packs and publishes, from a copy of the sources nobody has built: the tarball a user
// installs must hold the built nodes, their codex files, the credentials, the icons, the licence
// and the README, and nothing of the simulator, tests or tooling; and a publish from a laptop
// (no npm provenance possible there) must be refused before anything is uploaded.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { freshCopy, cleanEnv, run, REPO_ROOT } = require('./helpers');

const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

let copy;
beforeAll(() => {
	copy = freshCopy();
});
afterAll(() => copy?.remove());

test('npm pack from a fresh copy builds first and ships both nodes with their codex files, both credentials, the icons, LICENSE and README, nothing else', async () => {
	expect(fs.existsSync(path.join(copy.dir, 'dist'))).toBe(false);
	// --ignore-scripts=false: the project's .npmrc turns npm's lifecycle scripts off (for the
	// dependencies' install scripts), and with them our prepack; see docs/publishing.md.
	const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], { cwd: copy.dir });
	expect(packed.code).toBe(0);
	// The build prints to stdout too; npm's JSON report is the last thing, starting on a line of its own.
	const [{ files }] = JSON.parse(packed.stdout.slice(packed.stdout.lastIndexOf('\n[\n') + 1));
	const paths = files.map((file) => file.path);

	const { nodes, credentials } = packageJson.n8n;
	const codexFiles = nodes.map((node) => node.replace(/\.js$/, '.json'));
	const icons = fs.readdirSync(path.join(REPO_ROOT, 'icons')).map((icon) => `dist/icons/${icon}`);
	expect(icons.length).toBeGreaterThan(0);
	for (const file of [...nodes, ...codexFiles, ...credentials, ...icons, 'LICENSE', 'README.md', 'package.json']) {
		expect(paths).toContain(file);
	}
	const unexpected = paths.filter(
		(file) =>
			!['LICENSE', 'README.md', 'package.json'].includes(file) &&
			!/^dist\/(nodes|credentials)\/.+\.(js|json|d\.ts|js\.map)$/.test(file) &&
			!/^dist\/icons\/[^/]+\.svg$/.test(file),
	);
	expect(unexpected).toEqual([]);
}, 300_000);

test('the package declares the MIT licence n8n requires, with the licence text', () => {
	expect(packageJson.license).toBe('MIT');
	expect(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
});

test('npm publish from a laptop is refused before anything is uploaded: npm provenance needs GitHub Actions', async () => {
	const received = [];
	const registry = http.createServer((request, response) => {
		received.push(`${request.method} ${request.url}`);
		request.resume();
		request.on('end', () => {
			if (request.method === 'GET') {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end('{"error":"Not found"}');
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
	const registryUrl = `http://127.0.0.1:${registry.address().port}/`;
	try {
		const published = await run(
			'npm',
			['publish', `--registry=${registryUrl}`, `--//127.0.0.1:${registry.address().port}/:_authToken=test-only-token`],
			{ cwd: copy.dir, env: cleanEnv(), timeoutMs: 120_000 },
		);
		expect(published.code).not.toBe(0);
		expect(published.stderr).toMatch(/provenance/i);
		expect(received.filter((line) => !line.startsWith('GET '))).toEqual([]);
	} finally {
		await new Promise((resolve) => registry.close(resolve));
	}
}, 180_000);
