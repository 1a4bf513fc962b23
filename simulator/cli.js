#!/usr/bin/env node
'use strict';

/**
 * Runs the simulator on its own, e.g. for n8n on a laptop:
 *   node simulator/cli.js --port 8787 [--latency 20] [--max-concurrent 10] [--rate 50]
 *                         [--seed 1] [--fixture path] [--log]
 */
const { parseArgs } = require('node:util');
const { startSimulator } = require('./index');

const USAGE =
	'usage: node simulator/cli.js [--port 8787] [--latency ms] [--max-concurrent n] [--rate n]\n' +
	'                             [--seed n] [--fixture path.json] [--log]';

function readOptions(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string', default: '8787' },
			latency: { type: 'string' },
			'max-concurrent': { type: 'string' },
			rate: { type: 'string' },
			seed: { type: 'string' },
			fixture: { type: 'string' },
			log: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	const number = (name) => {
		if (values[name] === undefined) return undefined;
		const value = Number(values[name]);
		if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0`);
		return value;
	};
	return {
		help: values.help,
		simulator: {
			port: number('port'),
			latencyMs: number('latency'),
			maxConcurrent: number('max-concurrent'),
			ratePerSecond: number('rate'),
			seed: number('seed'),
			fixture: values.fixture,
			log: values.log,
		},
	};
}

function banner(sim) {
	const { opentact, twoSms } = sim.credentials;
	return [
		`Opentact + 2sms simulator listening on ${sim.url}`,
		'',
		'Opentact credential',
		`  base URL        ${sim.opentactBaseUrl}`,
		`  API key         ${opentact.apiKey}`,
		`  email           ${opentact.email}`,
		`  password        ${opentact.password}`,
		'',
		'2sms credential',
		`  base URL        ${sim.twoSmsBaseUrl}`,
		`  client id       ${twoSms.clientId}`,
		`  client secret   ${twoSms.clientSecret}`,
		'',
		'Request log (secrets redacted)',
		`  curl ${sim.url}/__sim/requests.txt      (JSON: /__sim/requests, clear: DELETE /__sim/requests)`,
		'Controls',
		`  POST ${sim.url}/__sim/reset | /__sim/faults | /__sim/limits | /__sim/expire-tokens;  GET /__sim/state`,
		'',
		'Ctrl+C stops it.',
	].join('\n');
}

async function main() {
	let parsed;
	try {
		parsed = readOptions(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\n${USAGE}`);
		process.exit(2);
	}
	if (parsed.help) {
		console.log(USAGE);
		return;
	}
	const sim = await startSimulator(parsed.simulator);
	console.log(banner(sim));

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator`);
		await sim.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
