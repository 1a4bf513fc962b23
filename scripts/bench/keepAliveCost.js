#!/usr/bin/env node
'use strict';
// What n8n's rule of a new connection per request costs (issue 16): the bench's floor (plain
// node:http, no n8n) sends the same requests as our node for a scenario twice, with a new
// connection per request as n8n's helper does and with one keep-alive agent, against the
// counting simulator in its own process; prints wall time, this process's CPU and the
// connections the simulator accepted. `node scripts/bench/keepAliveCost.js [scenario] [rounds]`.
const { allScenarios } = require('./scenarios');
const { startSimulatorProcess } = require('../lib/simulatorProcess');
const { floorRun } = require('./floor');

async function once(scenario, keepAlive) {
	const sim = await startSimulatorProcess({ counting: { options: scenario.simulator, fixture: scenario.fixture } });
	try {
		await sim.resetStats();
		const cpu = process.cpuUsage();
		const started = performance.now();
		const { succeeded } = await floorRun(scenario, sim, { keepAlive });
		const wallSeconds = (performance.now() - started) / 1000;
		const used = process.cpuUsage(cpu);
		const { stats } = await sim.stats(scenario.fixture);
		return { keepAlive, succeeded, wallSeconds, cpuMsPerRequest: (used.user + used.system) / 1000 / stats.requests, requests: stats.requests, connections: stats.connections };
	} finally {
		await sim.stop();
	}
}

async function main() {
	const name = process.argv[2] ?? 'opentact-disable-10000';
	const rounds = Number(process.argv[3] ?? 2);
	const scenario = allScenarios().find((candidate) => candidate.name === name);
	if (!scenario) throw new Error(`unknown scenario ${name}`);
	for (let round = 0; round < rounds; round++) {
		for (const keepAlive of [false, true]) {
			const result = await once(scenario, keepAlive);
			console.log(
				`${name} ${keepAlive ? 'keep-alive agent ' : 'new connection each'}: ${result.wallSeconds.toFixed(2)} s = ${(result.wallSeconds / scenario.physicalLimitSeconds).toFixed(2)}× the limit, ` +
					`${result.cpuMsPerRequest.toFixed(3)} ms CPU per request, ${result.requests} requests, ${result.connections} connections, ${result.succeeded} succeeded`,
			);
		}
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
