'use strict';
// npm run bench -- --real-n8n: the bench's scenarios run as a user runs them. This package is
// built, packed and installed into a real n8n (2.41.1 on Node 24 by default, from the cache
// scripts/n8n fills), each workflow imported and run by `n8n execute`, ours and the HTTP Request
// baseline one after the other in the same run, against the counting simulator in its own process
// (20 ms latency, 10 served at once). The time is n8n's own record of the execution
// (`startedAt` / `stoppedAt` of the run `n8n execute --rawOutput` prints, written to a file: the
// command exits before a pipe drains megabytes of JSON).
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startSimulatorProcess } = require('../lib/simulatorProcess');
const { startRegistry } = require('../lib/registry');
const { REPO, buildAndPack, installCommunityPackage } = require('../lib/pack');
const { N8nInstance } = require('../lib/instance');
const { DEFAULT_VERSION, runtimeEnv, n8nBin, installDir } = require('../lib/runtime');
const { loadWorkflow, credentialsFor, RESULT_NODE, FIRST_NODE } = require('./implementations');
const { forRealN8n } = require('./n8nWorkflow');
const { summarizeProfiles } = require('./cpuProfile');
const { bareVariant } = require('./bareNode');

const SUCCESS_OUTCOMES = new Set(['disabled', 'alreadyDisabled', 'removed', 'notOnStopLog']);
/** The real-n8n bench's diagnostics, as the messages that refuse or explain them name them. */
const DIAGNOSTIC_FLAGS = '--lean-api, --batch-size and --bare-node';
const TIME = '/usr/bin/time'; // GNU time: the CPU seconds and peak RSS of n8n execute, when present

/**
 * A prepared n8n user folder with this package installed (`tarball`: an already packed one;
 * `bareNode`: its copy whose Remove from Stop Log is the bare node, bareNode.js).
 */
async function prepareN8n({ workDir, version = DEFAULT_VERSION, tarball, bareNode = false, log }) {
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	const ours = tarball ?? (await buildAndPack(path.join(workDir, 'pack'))).tarball;
	const packed = bareNode ? bareVariant(ours, path.join(workDir, 'pack')) : ours;
	log(`package: ${path.relative(REPO, packed)}`);
	const registry = await startRegistry({ tarball: packed });
	// n8n execute prints the run as an info log line, among its other logs (readRun finds it).
	const n8n = await new N8nInstance({ version, userFolder: path.join(workDir, 'n8n-user') }).init();
	try {
		await installCommunityPackage({
			nodesDir: n8n.nodesDir,
			registryUrl: registry.url,
			name: registry.name,
			version: registry.version,
			env: runtimeEnv(version),
		});
	} finally {
		await registry.close();
	}
	return n8n;
}

/** `n8n execute` with stdout into `outFile`; resolves { code, stderr, usage? } (usage from GNU time). */
async function execute(n8n, workflowId, { outFile, env, timeoutMs }) {
	const out = fs.openSync(outFile, 'w');
	const usageFile = `${outFile}.time`;
	const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
	const useTime = fs.existsSync(TIME);
	const [command, argv] = useTime ? [TIME, ['-o', usageFile, '-f', '%U %S %M', n8nBin(n8n.version), ...args]] : [n8nBin(n8n.version), args];
	const child = spawn(command, argv, { env: n8n.env(env), cwd: installDir(n8n.version), stdio: ['ignore', out, 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
	clearTimeout(timer);
	fs.closeSync(out);
	let usage;
	if (useTime && fs.existsSync(usageFile)) {
		const [user, system, maxRssKb] = fs.readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
		if (Number.isFinite(maxRssKb)) usage = { cpuSeconds: user + system, peakRssMb: maxRssKb / 1024 };
	}
	return { code, stderr, usage };
}

/** The run `n8n execute --rawOutput` printed: indented JSON, from a line `{` to the last line `}`. */
function readRun(outFile) {
	const text = fs.readFileSync(outFile, 'utf8');
	const start = text.search(/^\{$/m);
	const end = text.lastIndexOf('\n}');
	if (start < 0 || end < start) throw new Error(`no run in ${outFile}: ${text.slice(0, 1500)}`);
	return JSON.parse(text.slice(start, end + 2));
}

/** One scenario by one implementation in real n8n; a result shaped like result.js's engine one. */
async function runInN8n(n8n, scenario, impl, { workDir, profileDir, log, leanApi = false, batchSize }) {
	const { job, count } = scenario;
	const options = leanApi ? { ...scenario.simulator, leanTwoSmsApi: true } : scenario.simulator;
	const sim = await startSimulatorProcess({ counting: { options, fixture: scenario.fixture } });
	try {
		const [[type, data]] = Object.entries(await credentialsFor(impl, job, sim));
		const credential = { id: `bench${impl}${job}`.padEnd(16, '0').slice(0, 16), name: `bench ${impl} ${job}`, type };
		const id = `b${scenario.name.replace(/[^a-z0-9]/gi, '')}${impl}`.padEnd(16, '0').slice(0, 16);
		const base = path.join(workDir, `${scenario.name}-${impl}`);
		fs.writeFileSync(`${base}-credential.json`, JSON.stringify([{ ...credential, data }]));
		await n8n.cli(['import:credentials', `--input=${base}-credential.json`]);
		// The 2sms routes' origin: the simulator's, or the lean API's under --lean-api.
		const loaded = loadWorkflow(impl, job, job === 'twoSms' ? sim.twoSmsBaseUrl : sim.url);
		const workflow = forRealN8n(impl === 'ours' && batchSize !== undefined ? withBatchSize(loaded, batchSize) : loaded, {
			job,
			count,
			credential,
			id,
			name: `bench ${scenario.name} ${impl}`,
		});
		fs.writeFileSync(`${base}-workflow.json`, JSON.stringify(workflow));
		await n8n.cli(['import:workflow', `--input=${base}-workflow.json`]);

		await sim.resetStats();
		const env = profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {};
		const ran = await execute(n8n, id, { outFile: `${base}-run.json`, env, timeoutMs: 3_600_000 });
		const simulator = await sim.stats(scenario.fixture);
		let run;
		try {
			run = readRun(`${base}-run.json`);
		} catch (error) {
			throw new Error(`n8n execute exited ${ran.code}: ${error.message}\n${ran.stderr.slice(-3000)}`);
		}
		return realResult({ scenario, impl, run, simulator, usage: ran.usage, log });
	} finally {
		await sim.stop();
	}
}

function realResult({ scenario, impl, run, simulator, usage }) {
	const { job, count } = scenario;
	const runData = run.data?.resultData?.runData ?? {};
	const out = runData[RESULT_NODE[impl][job]]?.[0]?.data?.main?.[0] ?? [];
	const failed = run.data?.resultData?.error;
	const succeeded =
		impl === 'ours' ? out.filter((item) => SUCCESS_OUTCOMES.has(item.json?.outcome)).length : failed ? 0 : out.length;
	const startedAt = Date.parse(run.startedAt);
	const stoppedAt = Date.parse(run.stoppedAt);
	const firstNodeStart = runData[FIRST_NODE[impl][job]]?.[0]?.startTime ?? null;
	const { stats, state, cpu: simCpu } = simulator;
	return {
		scenario: scenario.name,
		impl,
		count,
		status: failed ? 'error' : (run.status ?? 'success'),
		error: failed ? `${failed.name}: ${failed.message}` : null,
		wallSeconds: (stoppedAt - startedAt) / 1000,
		// From the job's first node starting (after the items were made) to the execution's end.
		jobSeconds: firstNodeStart === null ? null : (stoppedAt - firstNodeStart) / 1000,
		cpuMsPerItem: usage ? (usage.cpuSeconds * 1000) / count : null,
		cpuSeconds: usage?.cpuSeconds ?? null,
		peakRssMb: usage?.peakRssMb ?? null,
		firstRequestFromNodeMs: stats.firstRequestAt === null || firstNodeStart === null ? null : stats.firstRequestAt - firstNodeStart,
		requests: stats.requests,
		connections: stats.connections,
		// The share of the serving time every one of the simulator's slots was in use (null without a cap).
		apiAllBusyShare: stats.slots?.allBusyShare ?? null,
		// How long a request held one of the simulator's slots on average: its real capacity.
		apiMeanHoldMs: stats.slots?.meanHoldMs ?? null,
		refused: stats.byStatus['429'] ?? 0,
		byRoute: stats.byRoute,
		byStatus: stats.byStatus,
		succeeded,
		itemsLost: count - succeeded,
		notApplied: job === 'opentact' ? state.smsStillEnabled : state.stillOnStopLog,
		sentTwice: stats.appliedTwice,
		simulatorCpuMs: (simCpu.user + simCpu.system) / 1000,
	};
}

/** Our 2sms workflow with Options → Batch Size set (a diagnostic: the bench's figures use the default). */
function withBatchSize(workflow, batchSize) {
	const nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-opentact-2sms.twoSms'
			? { ...node, parameters: { ...node.parameters, options: { ...node.parameters.options, batchSize } } }
			: node,
	);
	return { ...workflow, nodes };
}

/**
 * What the diagnostics `leanApi`, `batchSize` and `bareNode` can be used with: the 2sms
 * stop-log jobs without a rate limit (the lean API serves only those routes and has no rate
 * limit; Batch Size is an option of the 2sms node only; the bare node replaces Remove only and
 * retries nothing). Throws for anything else.
 */
function checkDiagnostics(scenarios, { leanApi, batchSize, bareNode }) {
	if (!leanApi && batchSize === undefined && !bareNode) return;
	if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1)) {
		throw new Error(`--batch-size must be a whole number of at least 1, not ${batchSize}`);
	}
	const other = scenarios.filter((scenario) => scenario.job !== 'twoSms' || scenario.simulator?.ratePerSecond !== undefined);
	if (other.length > 0) {
		throw new Error(
			`${DIAGNOSTIC_FLAGS} are for the 2sms jobs without a rate limit; pick them with --scenario (not ${other.map((scenario) => scenario.name).join(', ')})`,
		);
	}
}

/**
 * Why a real-n8n run must not replace docs/benchmark-results.md, or undefined when it may: that
 * file holds the README's figures, so only a full run of this checkout's package may write it
 * (all of `fullSet`, each with its baseline, on the default n8n, unprofiled, no diagnostic).
 */
function whyNotWritten({ scenarios, fullSet, baseline, tarball, version, cpuProfile, diagnostics, noWrite }) {
	if (noWrite) return '--no-write';
	if (diagnostics.length > 0) return `${DIAGNOSTIC_FLAGS} are diagnostics`;
	if (cpuProfile) return 'a profiled run is slower than the bench';
	if (tarball) return 'the package came from --tarball, not from this checkout';
	if (version !== undefined && version !== DEFAULT_VERSION) return `n8n ${version} is not the version the README reports (${DEFAULT_VERSION})`;
	if (!baseline) return 'without the HTTP Request baseline there is no ratio';
	const names = new Set(scenarios.map((scenario) => scenario.name));
	if (names.size !== fullSet.length || fullSet.some((name) => !names.has(name))) return `a partial run (the full one is ${fullSet.join(', ')})`;
	return undefined;
}

/**
 * Every scenario of `scenarios` by ours and (unless `baseline` is false) the HTTP Request node,
 * in one prepared n8n. `cpuProfile`: ours runs with NODE_OPTIONS=--cpu-prof and its profile's
 * top costs are summarized (profiling slows the run: its times are not the bench's).
 * Diagnostics, 2sms jobs only (the results are not the bench's figures): `leanApi` serves the
 * stop log with leanTwoSmsApi.js instead of the simulator (for ours and the baseline alike);
 * `batchSize` sets our node's Batch Size; `bareNode` runs the bare node (bareNode.js) in place of
 * our Remove from Stop Log.
 */
async function runRealN8nBench({ scenarios, baseline = true, cpuProfile = false, leanApi = false, batchSize, bareNode = false, tarball, version, log, onResult }) {
	checkDiagnostics(scenarios, { leanApi, batchSize, bareNode });
	const workDir = path.join(REPO, '.tmp', 'bench-n8n');
	const n8n = await prepareN8n({ workDir, version, tarball, bareNode, log });
	const pairs = [];
	for (const scenario of scenarios) {
		const pair = { scenario };
		for (const impl of baseline && !scenario.memoryOnly ? ['ours', 'baseline'] : ['ours']) {
			const profileDir = cpuProfile && impl === 'ours' ? path.join(workDir, 'profiles', scenario.name) : undefined;
			const result = await runInN8n(n8n, scenario, impl, { workDir, profileDir, log, leanApi, batchSize });
			if (profileDir) result.profile = summarizeProfiles(profileDir, { items: scenario.count, requests: result.requests });
			pair[impl] = result;
			onResult?.(scenario, impl, result);
		}
		pairs.push(pair);
	}
	return { pairs, version: n8n.version };
}

module.exports = { runRealN8nBench, realResult, readRun, withBatchSize, checkDiagnostics, whyNotWritten };
