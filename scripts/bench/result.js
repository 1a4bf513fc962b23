'use strict';
// What one run reports: built in the scenario process from the run and the simulator's counts,
// printed there as one line `BENCH_RESULT {...}`, and read back by runScenario.js.
const PREFIX = 'BENCH_RESULT ';
const SUCCESS_OUTCOMES = new Set(['disabled', 'alreadyDisabled', 'removed', 'notOnStopLog']);

/**
 * A run through n8n's engine. `run`: runWorkflow's result; `resultNode` / `firstNode`: see
 * implementations.js; `timing`: { startedAt, finishedAt, cpu, peakRss, rssBefore } of this
 * process; `simulator`: what the counting simulator answered (stats, state, cpu).
 */
function engineResult({ scenario, impl, run, resultNode, firstNode, timing, simulator }) {
	const { job, count } = scenario;
	const { startedAt, finishedAt, cpu, peakRss, rssBefore } = timing;
	const out = run.ran(resultNode) ? run.items(resultNode) : [];
	const succeeded =
		impl === 'ours'
			? out.filter((item) => SUCCESS_OUTCOMES.has(item.json.outcome)).length
			: run.status === 'success'
				? out.length
				: 0;
	const firstNodeStart = run.runData[firstNode]?.[0]?.startTime ?? null;
	const { stats, state, cpu: simCpu } = simulator;
	const notApplied = job === 'opentact' ? state.smsStillEnabled : state.stillOnStopLog;
	return {
		scenario: scenario.name,
		impl,
		count,
		status: run.status,
		error: run.error ? `${run.error.name}: ${run.error.message}` : null,
		wallSeconds: (finishedAt - startedAt) / 1000,
		cpuMsPerItem: (cpu.user + cpu.system) / 1000 / count,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakRssMb: peakRss / 2 ** 20,
		rssBeforeMb: rssBefore / 2 ** 20,
		maxRssMb: process.resourceUsage().maxRSS / 1024,
		firstRequestFromRunMs: stats.firstRequestAt === null ? null : stats.firstRequestAt - startedAt,
		firstRequestFromNodeMs:
			stats.firstRequestAt === null || firstNodeStart === null ? null : stats.firstRequestAt - firstNodeStart,
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
}

/** The plain node:http floor (floor.js): no engine, so no RSS peak or node start to report. */
function floorResult({ scenario, succeeded, timing, simulator }) {
	const { startedAt, wallSeconds, cpu } = timing;
	const { stats, cpu: simCpu } = simulator;
	return {
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
}

const printResult = (report) => process.stdout.write(`${PREFIX}${JSON.stringify(report)}\n`);

/** The report in a scenario process's stdout, or undefined when it printed none. */
function readResult(stdout) {
	const line = stdout.split('\n').find((candidate) => candidate.startsWith(PREFIX));
	return line === undefined ? undefined : JSON.parse(line.slice(PREFIX.length));
}

module.exports = { engineResult, floorResult, printResult, readResult };
