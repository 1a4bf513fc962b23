'use strict';
// One benchmark run, in a child process of its own (runScenario.js starts it; not run by hand):
// `node scripts/bench/scenarioProcess.js '<json>'` with { scenario, impl: 'ours' | 'baseline' |
// 'floor', warmUp?: false }. Starts the counting simulator in a further process, runs the
// implementation's workflow through n8n's engine (the harness: n8n-core WorkflowExecute on the
// built dist/), or the plain node:http floor, and prints its result (result.js): wall time, CPU
// of this process, peak RSS, the first request's delay, what the simulator received and its
// final state.
const { runWorkflow, createCredentialStore } = require('../../harness');
const { prepareTypes } = require('../../harness/node-types');
const { opentactItems, twoSmsItems } = require('../lib/fixture');
const { startSimulatorProcess } = require('../lib/simulatorProcess');
const { loadWorkflow, credentialsFor, RESULT_NODE, FIRST_NODE } = require('./implementations');
const { floorRun } = require('./floor');
const { engineResult, floorResult, printResult } = require('./result');
require('../lib/snapshot').useSnapshot();

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

/** The scenario's simulator: its latency and limits, its numbers plus the warm-up's. */
const startScenarioSimulator = (scenario) =>
	startSimulatorProcess({ counting: { options: scenario.simulator, fixture: withWarmUp(scenario.fixture) } });

async function runEngine(scenario, impl, warm) {
	const { job, count } = scenario;
	const sim = await startScenarioSimulator(scenario);
	try {
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
		await sim.resetStats();
		global.gc?.();

		let peakRss = process.memoryUsage.rss();
		const sampler = setInterval(() => {
			peakRss = Math.max(peakRss, process.memoryUsage.rss());
		}, 25);
		const rssBefore = peakRss;
		const cpuBefore = process.cpuUsage();
		const startedAt = now();
		const run = await runWorkflow(workflow, { credentialStore, input, timeoutMs: 3_600_000 });
		const finishedAt = now();
		const cpu = process.cpuUsage(cpuBefore);
		clearInterval(sampler);
		peakRss = Math.max(peakRss, process.memoryUsage.rss());

		printResult(
			engineResult({
				scenario,
				impl,
				run,
				resultNode: RESULT_NODE[impl][job],
				firstNode: FIRST_NODE[impl][job],
				timing: { startedAt, finishedAt, cpu, peakRss, rssBefore },
				simulator: await sim.stats(scenario.fixture),
			}),
		);
	} finally {
		await sim.stop();
	}
}

async function runFloor(scenario) {
	const sim = await startScenarioSimulator(scenario);
	try {
		await sim.resetStats();
		const cpuBefore = process.cpuUsage();
		const startedAt = now();
		const { succeeded } = await floorRun(scenario, sim);
		const wallSeconds = (now() - startedAt) / 1000;
		const cpu = process.cpuUsage(cpuBefore);
		const simulator = await sim.stats(scenario.fixture);
		printResult(floorResult({ scenario, succeeded, timing: { startedAt, wallSeconds, cpu }, simulator }));
	} finally {
		await sim.stop();
	}
}

async function main() {
	// warmUp: false measures a fresh process's first execution, as `n8n execute` runs one.
	const { scenario, impl, warmUp: warm = true } = JSON.parse(process.argv[2]);
	if (impl === 'floor') await runFloor(scenario);
	else await runEngine(scenario, impl, warm);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
