'use strict';
// The simulator in a process of its own, so the benchmark's CPU time and RSS are the engine's
// and the nodes', not the simulator's, counting what it receives. Not run by hand:
// startSimulatorProcess({ counting }) (simulatorProcess.js) forks it and drives it over IPC:
//   → { type: 'start', options: { latencyMs, maxConcurrent, ratePerSecond, seed, leanTwoSmsApi }, fixture: { leases, stopLog } }
//   (leanTwoSmsApi: the 2sms stop-log routes are served by scripts/lib/leanTwoSmsApi.js instead,
//   on the fixture's stop log, and its URL is the one handed out for 2sms: the bench's --lean-api)
//   ← { type: 'ready', opentactBaseUrl, twoSmsBaseUrl, credentials }
//   → { type: 'resetStats' } | { type: 'stats', check } ← { type: 'stats', stats, state, cpu }
//   (stats: requestStats' summary plus `connections`, the TCP connections accepted)
const diagnosticsChannel = require('node:diagnostics_channel');
const { startSimulator } = require('../../simulator');
const { buildFixture, opentactTn, twoSmsDestination } = require('./fixture');
const { createRequestStats } = require('./requestStats');
const { startLeanTwoSmsApi } = require('./leanTwoSmsApi');

let sim;
let lean;
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
		const digits = twoSmsDestination(index);
		if (lean ? lean.isOnStopLog(digits) : sim.state.twoSms.isOnStopLog(digits)) stillOnStopLog += 1;
	}
	return { smsStillEnabled, stillOnStopLog };
}

process.on('message', async (message) => {
	try {
		if (message.type === 'start') {
			const { leanTwoSmsApi, ...options } = message.options;
			const fixture = buildFixture(message.fixture);
			sim = await startSimulator({
				...options,
				port: 0, // the OS picks: other runs may be using any fixed port
				fixture,
				recordRequests: false,
				log: stats.onEntry,
			});
			if (leanTwoSmsApi) {
				lean = await startLeanTwoSmsApi({
					latencyMs: options.latencyMs ?? 0,
					maxConcurrent: options.maxConcurrent ?? Infinity,
					destinations: (fixture.twoSms.stopLog ?? []).map((entry) => entry.Destination),
					shortCode: fixture.twoSms.defaultShortCode,
					credentials: sim.credentials.twoSms,
					onEntry: stats.onEntry,
				});
			}
			process.send({
				type: 'ready',
				url: sim.url,
				opentactBaseUrl: sim.opentactBaseUrl,
				twoSmsBaseUrl: lean?.url ?? sim.twoSmsBaseUrl,
				credentials: sim.credentials,
			});
		} else if (message.type === 'resetStats') {
			stats.reset();
			connections = 0;
			sim.resetSlotUsage();
			lean?.resetSlotUsage();
			process.send({ type: 'statsReset' });
		} else if (message.type === 'stats') {
			process.send({
				type: 'stats',
				stats: { ...stats.summary(), connections, slots: (lean ?? sim).slotUsage() },
				state: stateCheck(message.check),
				cpu: process.cpuUsage(),
			});
		} else if (message.type === 'close') {
			await lean?.close();
			await sim?.close();
			process.exit(0);
		}
	} catch (error) {
		process.send({ type: 'error', message: String(error?.stack ?? error) });
	}
});
process.on('disconnect', () => process.exit(0));
