'use strict';
// The simulator in a process of its own, so the benchmark's CPU time and RSS are the engine's
// and the nodes', not the simulator's, counting what it receives. Not run by hand:
// startSimulatorProcess({ counting }) (simulatorProcess.js) forks it and drives it over IPC:
//   → { type: 'start', options: { latencyMs, maxConcurrent, ratePerSecond, seed }, fixture: { leases, stopLog } }
//   ← { type: 'ready', opentactBaseUrl, twoSmsBaseUrl, credentials }
//   → { type: 'resetStats' } | { type: 'stats', check } ← { type: 'stats', stats, state, cpu }
//   (stats: requestStats' summary plus `connections`, the TCP connections accepted)
const diagnosticsChannel = require('node:diagnostics_channel');
const { startSimulator } = require('../../simulator');
const { buildFixture, opentactTn, twoSmsDestination } = require('./fixture');
const { createRequestStats } = require('./requestStats');

let sim;
const stats = createRequestStats();
// TCP connections the clients opened (this process serves nothing else): n8n's HTTP client opens
// one per request unless it keeps connections alive, which costs a connect each.
let connections = 0;
diagnosticsChannel.subscribe('net.server.socket', () => {
	connections += 1;
});

/** How many of the first `leases` numbers still text, and how many of `stopLog` contacts remain. */
function stateCheck({ leases = 0, stopLog = 0 } = {}) {
	let smsStillEnabled = 0;
	for (let index = 0; index < leases; index++) {
		if (sim.state.opentact.smsEnabled(opentactTn(index))) smsStillEnabled += 1;
	}
	let stillOnStopLog = 0;
	for (let index = 0; index < stopLog; index++) {
		if (sim.state.twoSms.isOnStopLog(twoSmsDestination(index))) stillOnStopLog += 1;
	}
	return { smsStillEnabled, stillOnStopLog };
}

process.on('message', async (message) => {
	try {
		if (message.type === 'start') {
			sim = await startSimulator({
				...message.options,
				port: 0, // the OS picks: other runs may be using any fixed port
				fixture: buildFixture(message.fixture),
				recordRequests: false,
				log: stats.onEntry,
			});
			process.send({
				type: 'ready',
				url: sim.url,
				opentactBaseUrl: sim.opentactBaseUrl,
				twoSmsBaseUrl: sim.twoSmsBaseUrl,
				credentials: sim.credentials,
			});
		} else if (message.type === 'resetStats') {
			stats.reset();
			connections = 0;
			sim.resetSlotUsage();
			process.send({ type: 'statsReset' });
		} else if (message.type === 'stats') {
			process.send({
				type: 'stats',
				stats: { ...stats.summary(), connections, slots: sim.slotUsage() },
				state: stateCheck(message.check),
				cpu: process.cpuUsage(),
			});
		} else if (message.type === 'close') {
			await sim?.close();
			process.exit(0);
		}
	} catch (error) {
		process.send({ type: 'error', message: String(error?.stack ?? error) });
	}
});
process.on('disconnect', () => process.exit(0));
