'use strict';
// One scenario run (scripts/bench/scenario.js) in a child process of its own, as the benchmark
// and the real-n8n acceptance check start it.
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const SCENARIO_SCRIPT = path.join(__dirname, '..', 'scenario.js');

/** Resolves to the run's BENCH_RESULT, plus the load average before and after. `options`: { warmUp }. */
function runScenario(scenario, impl, options = {}) {
	return new Promise((resolve, reject) => {
		const loadBefore = os.loadavg()[0];
		const child = spawn(
			process.execPath,
			['--expose-gc', SCENARIO_SCRIPT, JSON.stringify({ scenario, impl, ...options })],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let stdout = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('exit', (code) => {
			const line = stdout.split('\n').find((candidate) => candidate.startsWith('BENCH_RESULT '));
			if (code !== 0 || !line) {
				reject(new Error(`${scenario.name} (${impl}) exited ${code}:\n${stdout}`));
				return;
			}
			resolve({ ...JSON.parse(line.slice('BENCH_RESULT '.length)), loadBefore, loadAfter: os.loadavg()[0] });
		});
	});
}

module.exports = { runScenario };
