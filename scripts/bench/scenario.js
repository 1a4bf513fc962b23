'use strict';
// One benchmark run in this process: `node scripts/bench/scenario.js '<json>'` with
// { scenario, impl: 'ours' | 'baseline', warmUp?: false }. Starts the simulator in a child process, runs the
// workflow through n8n's engine (the test harness: n8n-core WorkflowExecute on the built
// dist/), and prints one line `BENCH_RESULT {...}`: wall time, CPU of this process, peak RSS,
// the first request's delay, what the simulator received and its final state.
const path = require('node:path');
const { fork } = require('node:child_process');
const { once } = require('node:events');
const { runWorkflow, loadWorkflowFixture, createCredentialStore } = require('../../harness');
const { prepareTypes } = require('../../harness/node-types');
const { opentactCredentials, twoSmsCredentials } = require('../../harness/simulatorCredentials');
const { opentactItems, twoSmsItems } = require('./lib/fixture');
require('./lib/snapshot').useSnapshot();

const WORKFLOWS = {
	ours: { opentact: 'ours-opentact-disable.json', twoSms: 'ours-twosms-remove.json' },
	baseline: { opentact: 'baseline-opentact-disable.json', twoSms: 'baseline-twosms-remove.json' },
};
// The node whose output is the job's result, and the first node that sends a request.
const RESULT_NODE = {
	ours: { opentact: 'Opentact', twoSms: '2sms' },
	baseline: { opentact: 'Disable SMS', twoSms: 'Remove from stop log' },
};
const FIRST_NODE = {
	ours: { opentact: 'Opentact', twoSms: '2sms' },
	baseline: { opentact: 'Look up lease', twoSms: 'Remove from stop log' },
};
const SUCCESS_OUTCOMES = new Set(['disabled', 'alreadyDisabled', 'removed', 'notOnStopLog']);
const PLACEHOLDER_ORIGIN = 'http://127.0.0.1:8787';

/**
 * Items of a short run before the timed one, on numbers of their own (the fixture holds this many
 * more), so the timed run meets a warm engine as it would in a long-running n8n: the first
 * execution in a fresh process pays ~0.4 s of JIT and lazy loading that later ones do not. Both
 * implementations get it; our 2sms node keeps the token it fetched, as n8n would.
 */
const WARM_UP_ITEMS = 20;

const now = () => performance.timeOrigin + performance.now(); // epoch ms, sub-ms resolution

const withWarmUp = (fixture) =>
	Object.fromEntries(Object.entries(fixture).map(([key, count]) => [key, count > 0 ? count + WARM_UP_ITEMS : count]));

function startSimulatorProcess(scenario) {
	const child = fork(path.join(__dirname, 'lib', 'simProcess.js'), [], {
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
	return {
		child,
		start: () => request({ type: 'start', options: scenario.simulator, fixture: withWarmUp(scenario.fixture) }, 'ready'),
		resetStats: () => request({ type: 'resetStats' }, 'statsReset'),
		stats: () => request({ type: 'stats', check: scenario.fixture }, 'stats'),
		close: async () => {
			child.send({ type: 'close' });
			await once(child, 'exit');
		},
	};
}

async function twoSmsToken(sim) {
	const { clientId, clientSecret } = sim.credentials.twoSms;
	const response = await fetch(`${sim.twoSmsBaseUrl}/Token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: clientId,
			client_secret: clientSecret,
		}).toString(),
	});
	if (!response.ok) throw new Error(`2sms /Token answered ${response.status}`);
	return (await response.json()).access_token;
}

async function credentialsFor(impl, job, sim) {
	if (impl === 'ours' && job === 'opentact') return { opentactApi: opentactCredentials(sim) };
	if (impl === 'ours') return { twoSmsApi: twoSmsCredentials(sim) };
	// The baseline: n8n's generic Header Auth credential, as a user sets it up. For 2sms the
	// user obtains a bearer token once (here: one POST /Token before the run) and pastes it.
	if (job === 'opentact') {
		return { httpHeaderAuth: { name: 'X-Auth-Token', value: sim.credentials.opentact.apiKey } };
	}
	return { httpHeaderAuth: { name: 'Authorization', value: `Bearer ${await twoSmsToken(sim)}` } };
}

function loadWorkflow(impl, job, url) {
	const file = path.join(__dirname, 'workflows', WORKFLOWS[impl][job]);
	const text = JSON.stringify(loadWorkflowFixture(file)).split(PLACEHOLDER_ORIGIN).join(url);
	return JSON.parse(text);
}

/**
 * The machine's floor for the same requests without n8n: plain node:http, a new connection per
 * request (as n8n's request helper does), 10 at a time, Retry-After honoured. Tells how much of
 * the gap to the physical limit is this machine's CPU rather than n8n or our node.
 */
async function floorRun(scenario, sim) {
	const http = require('node:http');
	const { opentactTn, twoSmsDestination, REASON } = require('./lib/fixture');
	const { job, count } = scenario;
	const send = (method, url, headers, body) =>
		new Promise((resolve, reject) => {
			const sized = body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) };
			const request = http.request(url, { method, headers: sized, agent: false }, (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }),
				);
			});
			request.on('error', reject);
			request.end(body);
		});
	const withRetry = async (...args) => {
		for (;;) {
			const answer = await send(...args);
			if (answer.status !== 429) return answer;
			await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
		}
	};
	const pool = async (total, task) => {
		let next = 0;
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				while (next < total) await task(next++);
			}),
		);
	};
	let succeeded = 0;
	if (job === 'opentact') {
		const headers = { 'x-auth-token': sim.credentials.opentact.apiKey, 'content-type': 'application/json' };
		const leaseOf = new Map();
		await pool(Math.ceil(count / 100), async (page) => {
			const answer = await withRetry('POST', `${sim.opentactBaseUrl}/lease/tn/search`, headers, JSON.stringify({ take: 100, skip: page * 100 }));
			for (const lease of JSON.parse(answer.body).payload.data ?? JSON.parse(answer.body).payload) leaseOf.set(lease.tn?.tn ?? lease.tn, lease.uuid);
		});
		await pool(count, async (index) => {
			const uuid = leaseOf.get(opentactTn(index));
			const answer = await withRetry('DELETE', `${sim.opentactBaseUrl}/lease/tn/number/subscription/sms?tn_lease=${uuid}`, headers);
			if (answer.status === 200) succeeded += 1;
		});
	} else {
		const token = (await credentialsFor('baseline', 'twoSms', sim)).httpHeaderAuth.value;
		const headers = { authorization: token, 'content-type': 'application/json' };
		await pool(Math.ceil(count / 100), async (batch) => {
			const records = [];
			for (let index = batch * 100; index < Math.min(count, batch * 100 + 100); index++)
				records.push({ Destination: twoSmsDestination(index), Reason: REASON, SendConfirmation: false });
			const answer = await withRetry('DELETE', `${sim.twoSmsBaseUrl}/api/v1/addressbook/stoplog`, headers, JSON.stringify(records));
			if (answer.status === 200) succeeded += records.length;
			else if (process.env.BENCH_DEBUG) console.error(answer.status, answer.body.slice(0, 300));
		});
	}
	return { status: 'success', succeeded };
}

async function main() {
	// warmUp: false measures a fresh process's first execution, as `n8n execute` runs one.
	const { scenario, impl, warmUp: warm = true } = JSON.parse(process.argv[2]);
	if (impl === 'floor') return await mainFloor(scenario);
	const { job, count } = scenario;
	const simProcess = startSimulatorProcess(scenario);
	try {
		const sim = await simProcess.start();
		const workflow = loadWorkflow(impl, job, sim.url);
		const credentialStore = createCredentialStore(await credentialsFor(impl, job, sim));
		const itemsOf = job === 'opentact' ? opentactItems : twoSmsItems;
		const input = itemsOf(count);

		// Load and require every node type now, so the timed run measures work, not module loading.
		const { nodeTypes } = await prepareTypes(workflow.nodes.map((node) => node.type));
		for (const node of workflow.nodes) nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (warm) {
			const warmUp = await runWorkflow(workflow, { credentialStore, input: itemsOf(WARM_UP_ITEMS, count) });
			if (warmUp.status !== 'success') throw new Error(`warm-up run failed: ${warmUp.error?.message}`);
		}
		await simProcess.resetStats();
		global.gc?.();

		let peakRss = process.memoryUsage.rss();
		const sampler = setInterval(() => {
			peakRss = Math.max(peakRss, process.memoryUsage.rss());
		}, 25);
		const rssBefore = peakRss;
		const cpuBefore = process.cpuUsage();
		const startedAt = now();
		const result = await runWorkflow(workflow, { credentialStore, input, timeoutMs: 3_600_000 });
		const finishedAt = now();
		const cpu = process.cpuUsage(cpuBefore);
		clearInterval(sampler);
		peakRss = Math.max(peakRss, process.memoryUsage.rss());

		const resultNode = RESULT_NODE[impl][job];
		const out = result.ran(resultNode) ? result.items(resultNode) : [];
		const succeeded =
			impl === 'ours'
				? out.filter((item) => SUCCESS_OUTCOMES.has(item.json.outcome)).length
				: result.status === 'success'
					? out.length
					: 0;
		const firstNodeStart = result.runData[FIRST_NODE[impl][job]]?.[0]?.startTime ?? null;
		const { stats, state, cpu: simCpu } = await simProcess.stats();
		const notApplied = job === 'opentact' ? state.smsStillEnabled : state.stillOnStopLog;

		const report = {
			scenario: scenario.name,
			impl,
			count,
			status: result.status,
			error: result.error ? `${result.error.name}: ${result.error.message}` : null,
			wallSeconds: (finishedAt - startedAt) / 1000,
			cpuMsPerItem: (cpu.user + cpu.system) / 1000 / count,
			cpuMs: (cpu.user + cpu.system) / 1000,
			peakRssMb: peakRss / 2 ** 20,
			rssBeforeMb: rssBefore / 2 ** 20,
			maxRssMb: process.resourceUsage().maxRSS / 1024,
			firstRequestFromRunMs: stats.firstRequestAt === null ? null : stats.firstRequestAt - startedAt,
			firstRequestFromNodeMs:
				stats.firstRequestAt === null || firstNodeStart === null
					? null
					: stats.firstRequestAt - firstNodeStart,
			requests: stats.requests,
			requestSpanMs: stats.firstRequestAt === null ? null : stats.lastRequestAt - stats.firstRequestAt,
			byRoute: stats.byRoute,
			byStatus: stats.byStatus,
			succeeded,
			itemsLost: count - succeeded,
			notApplied,
			sentTwice: stats.appliedTwice,
			sentTwiceExamples: stats.appliedTwiceExamples,
			simulatorCpuMs: (simCpu.user + simCpu.system) / 1000,
		};
		process.stdout.write(`BENCH_RESULT ${JSON.stringify(report)}\n`);
	} finally {
		await simProcess.close();
	}
}

async function mainFloor(scenario) {
	const simProcess = startSimulatorProcess(scenario);
	try {
		const sim = await simProcess.start();
		await simProcess.resetStats();
		const cpuBefore = process.cpuUsage();
		const startedAt = now();
		const { succeeded } = await floorRun(scenario, sim);
		const wallSeconds = (now() - startedAt) / 1000;
		const cpu = process.cpuUsage(cpuBefore);
		const { stats, cpu: simCpu } = await simProcess.stats();
		const report = {
			scenario: scenario.name,
			impl: 'floor',
			count: scenario.count,
			status: 'success',
			error: null,
			wallSeconds,
			cpuMsPerItem: (cpu.user + cpu.system) / 1000 / scenario.count,
			peakRssMb: process.memoryUsage.rss() / 2 ** 20,
			firstRequestFromNodeMs: stats.firstRequestAt - startedAt,
			requests: stats.requests,
			byRoute: stats.byRoute,
			succeeded,
			itemsLost: scenario.count - succeeded,
			sentTwice: stats.appliedTwice,
			simulatorCpuMs: (simCpu.user + simCpu.system) / 1000,
		};
		process.stdout.write(`BENCH_RESULT ${JSON.stringify(report)}\n`);
	} finally {
		await simProcess.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
