'use strict';
// The simulator in a child process of its own: for a real n8n, which runs in yet another process
// (the launcher, the acceptance suite), and for the benchmark, whose CPU and RSS figures must be
// the engine's and the node's, not the simulator's.
const path = require('node:path');
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { startProcess, stopProcess, freePort, waitFor } = require('./processes');

const REPO = path.resolve(__dirname, '..', '..');

/**
 * Starts the simulator in a child process on 127.0.0.1 and resolves once it answers, to a handle
 * with what every caller needs from it, shaped as startSimulator()'s so that
 * harness/simulatorCredentials.js serves both: `url`, `opentactBaseUrl`, `twoSmsBaseUrl`, the
 * fixture's `credentials`, `child`, and `stop()`.
 *
 * Which program runs in the child depends on what it is for:
 * - by default `node simulator/cli.js`, as a person starts it (`npm run simulator`). `port`
 *   (default: a free one), `args` (more of its options: `--latency 20`, `--fixture file`, …),
 *   `onOutput` (what it prints). Driven like a person would, through its /__sim routes:
 *   `state()`, `requests()`, `reset()`.
 * - with `counting: { options, fixture }`, scripts/lib/countingSimulator.js: the simulator with
 *   `options` (latencyMs, maxConcurrent, ratePerSecond, seed) on the accounts of
 *   buildFixture(`fixture`), counting requests as they finish instead of keeping a log (a
 *   100,000-request run would not fit one), driven over IPC: `resetStats()`, `stats(check)`
 *   (counts, how many of the `check` numbers are still unchanged, the process's CPU).
 */
async function startSimulatorProcess({ port, args = [], onOutput, counting } = {}) {
	return counting ? await startCounting(counting) : await startCli({ port, args, onOutput });
}

async function startCli({ port, args, onOutput }) {
	const simPort = port ?? (await freePort());
	const child = startProcess(
		process.execPath,
		[path.join(REPO, 'simulator', 'cli.js'), '--port', String(simPort), ...args],
		{
			name: 'simulator',
			onOutput,
		},
	);
	const url = `http://127.0.0.1:${simPort}`;
	await waitFor(
		'the simulator',
		async () => (await fetch(`${url}/__sim/state`, { signal: AbortSignal.timeout(2000) })).ok,
		{
			timeoutMs: 20_000,
			child,
		},
	);
	// The CLI prints its credentials rather than handing them over: they are the default
	// fixture's (a --fixture file keeps the default accounts, as buildFixture's do).
	const { loadDefaultFixture } = require('../../simulator/fixtures');
	const fixture = loadDefaultFixture();
	const admin = async (method, route, body) => {
		const response = await fetch(`${url}/__sim/${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		});
		const text = await response.text();
		return text ? JSON.parse(text) : undefined;
	};
	return {
		child,
		url,
		opentactBaseUrl: `${url}/rest`,
		twoSmsBaseUrl: url,
		credentials: {
			opentact: {
				apiKey: fixture.opentact.apiKey,
				email: fixture.opentact.user.email,
				password: fixture.opentact.user.password,
			},
			twoSms: { clientId: fixture.twoSms.clientId, clientSecret: fixture.twoSms.clientSecret },
		},
		state: () => admin('GET', 'state'),
		requests: () => admin('GET', 'requests'),
		reset: () => admin('POST', 'reset'),
		stop: () => stopProcess(child),
	};
}

async function startCounting({ options, fixture }) {
	const child = fork(path.join(__dirname, 'countingSimulator.js'), [], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const request = async (message, answerType) => {
		const answer = once(child, 'message');
		child.send(message);
		const [reply] = await answer;
		if (reply.type === 'error') throw new Error(`simulator process: ${reply.message}`);
		if (reply.type !== answerType) throw new Error(`simulator process answered ${reply.type}`);
		return reply;
	};
	const stop = async () => {
		child.send({ type: 'close' });
		await once(child, 'exit');
	};
	let ready;
	try {
		ready = await request({ type: 'start', options, fixture }, 'ready');
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		child,
		url: ready.url,
		opentactBaseUrl: ready.opentactBaseUrl,
		twoSmsBaseUrl: ready.twoSmsBaseUrl,
		credentials: ready.credentials,
		resetStats: () => request({ type: 'resetStats' }, 'statsReset'),
		stats: (check) => request({ type: 'stats', check }, 'stats'),
		stop,
	};
}

module.exports = { startSimulatorProcess };
