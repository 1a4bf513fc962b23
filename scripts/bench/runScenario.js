'use strict';
// One scenario run (scenarioProcess.js) in a child process of its own, as the benchmark and the
// real-n8n acceptance suite's throughput check start it.
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { readResult } = require('./result');

const SCENARIO_PROCESS = path.join(__dirname, 'scenarioProcess.js');

/** Resolves to the run's result (result.js), plus the load average before and after. `options`: { warmUp }. */
function runScenario(scenario, impl, options = {}) {
	return new Promise((resolve, reject) => {
		const loadBefore = os.loadavg()[0];
		const child = spawn(
			process.execPath,
			['--expose-gc', SCENARIO_PROCESS, JSON.stringify({ scenario, impl, ...options })],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			const result = readResult(stdout);
			if (code !== 0 || !result) {
				reject(new Error(`${scenario.name} (${impl}) exited ${code}:\n${stdout}`));
				return;
			}
			resolve({ ...result, loadBefore, loadAfter: os.loadavg()[0] });
		});
	});
}

module.exports = { runScenario };
