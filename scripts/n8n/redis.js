'use strict';
// Redis for n8n's queue mode: Debian's redis-server, installed with apt-get when missing (CI
// runs as root on a fresh machine), started on a free 127.0.0.1 port with no persistence.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const { startProcess, stopProcess, freePort, waitFor } = require('../lib/processes');
const { log } = require('../lib/runtime');

function findRedisServer() {
	for (const candidate of ['/usr/bin/redis-server', '/usr/local/bin/redis-server'])
		if (fs.existsSync(candidate)) return candidate;
	try {
		return execFileSync('sh', ['-c', 'command -v redis-server']).toString().trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Path of redis-server, installing Debian's package first if it is missing and we are root. */
function ensureRedisServer() {
	const found = findRedisServer();
	if (found) return found;
	if (process.getuid?.() !== 0)
		throw new Error(
			'queue mode needs redis-server: install it (Debian: sudo apt-get install -y redis-server)',
		);
	log('installing redis-server with apt-get (once)');
	const apt = (args) =>
		execFileSync('apt-get', args, {
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 10 * 60_000,
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	try {
		apt(['install', '-y', '--no-install-recommends', 'redis-server']);
	} catch {
		apt(['update']);
		apt(['install', '-y', '--no-install-recommends', 'redis-server']);
	}
	const installed = findRedisServer();
	if (!installed) throw new Error('apt-get installed redis-server but it is not on PATH');
	return installed;
}

function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

async function startRedis({ dir, onOutput } = {}) {
	const binary = ensureRedisServer();
	const port = await freePort();
	if (dir) fs.mkdirSync(dir, { recursive: true });
	const child = startProcess(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			...(dir ? ['--dir', dir] : []),
		],
		{ name: 'redis-server', onOutput },
	);
	await waitFor(`redis-server on port ${port}`, () => ping(port), { timeoutMs: 20_000, child });
	return { port, child, stop: () => stopProcess(child, 5000) };
}

module.exports = { startRedis, ensureRedisServer };
