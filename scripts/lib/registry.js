'use strict';
// A minimal npm registry on 127.0.0.1 that serves one package: this one, from its `npm pack`
// tarball. n8n's community-package install (N8N_COMMUNITY_PACKAGES_REGISTRY) asks it for the
// packument and the tarball exactly as it would ask registry.npmjs.org. Any other name is
// passed through to the upstream registry (npm may look up peer dependencies such as
// n8n-workflow). It keeps a log of the requests so a test can prove n8n went through it.
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { Readable } = require('node:stream');

function readManifestFromTarball(tarball) {
	// The packed package.json is what npm publishes; read it with tar to avoid guessing.
	const { execFileSync } = require('node:child_process');
	return JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json']).toString());
}

/**
 * Starts the registry. `tarball` is the file `npm pack` produced; `upstream` is where other
 * names go (default: https://registry.npmjs.org). Resolves to { url, requests, close }.
 */
async function startRegistry({
	tarball,
	upstream = 'https://registry.npmjs.org',
	port = 0,
	host = '127.0.0.1',
}) {
	const data = fs.readFileSync(tarball);
	const manifest = readManifestFromTarball(tarball);
	const fileName = path.basename(tarball);
	const shasum = crypto.createHash('sha1').update(data).digest('hex');
	const integrity = `sha512-${crypto.createHash('sha512').update(data).digest('base64')}`;
	const requests = [];
	let baseUrl = '';

	const version = () => ({
		...manifest,
		_id: `${manifest.name}@${manifest.version}`,
		dist: { tarball: `${baseUrl}/${manifest.name}/-/${fileName}`, shasum, integrity },
	});
	const packument = () => ({
		_id: manifest.name,
		name: manifest.name,
		description: manifest.description,
		'dist-tags': { latest: manifest.version },
		versions: { [manifest.version]: version() },
		time: {
			created: new Date(0).toISOString(),
			modified: new Date().toISOString(),
			[manifest.version]: new Date().toISOString(),
		},
	});

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://registry.invalid');
		const pathname = decodeURIComponent(url.pathname).replace(/\/+$/, '');
		requests.push({ method: req.method, path: pathname });
		const send = (status, body, type = 'application/json') => {
			res.writeHead(status, { 'content-type': type });
			res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
		};
		const ours = `/${manifest.name}`;
		if (req.method === 'GET' && pathname === ours) return send(200, packument());
		if (
			req.method === 'GET' &&
			(pathname === `${ours}/${manifest.version}` || pathname === `${ours}/latest`)
		)
			return send(200, version());
		if (req.method === 'GET' && pathname === `${ours}/-/${fileName}`)
			return send(200, data, 'application/octet-stream');
		if (pathname.startsWith(`${ours}/`)) return send(404, { error: 'not found' });
		if (req.method !== 'GET' || pathname.startsWith('/-/'))
			return send(404, { error: 'not served here' });
		// Someone else's package: pass the packument through from the upstream registry.
		try {
			const answer = await fetch(`${upstream.replace(/\/$/, '')}${url.pathname}`, {
				headers: { accept: req.headers.accept ?? 'application/json' },
				signal: AbortSignal.timeout(30_000),
			});
			res.writeHead(answer.status, {
				'content-type': answer.headers.get('content-type') ?? 'application/json',
			});
			if (answer.body) Readable.fromWeb(answer.body).pipe(res);
			else res.end();
		} catch (error) {
			send(502, { error: `upstream: ${error.message}` });
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	baseUrl = `http://${host}:${server.address().port}`;
	return {
		url: baseUrl,
		name: manifest.name,
		version: manifest.version,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startRegistry };
