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

/**
 * What a person needs to create both credentials in n8n by hand, field by field as n8n's
 * credential forms name them, for a simulator handle (`startSimulator()` in this process, or
 * `startSimulatorProcess()` in scripts/lib/simulatorProcess.js, which have the same shape). The
 * one place this text lives: `npm run simulator` and `npm run n8n` both print it.
 *
 * The two base URLs differ on purpose: Opentact's API root includes `/rest`, while 2sms's
 * routes hang off the host root, so its base URL must not end in `/rest`.
 */
function credentialBlock(sim) {
	const { opentact, twoSms } = sim.credentials;
	return [
		'Opentact credential (credential type "Opentact API" in n8n)',
		'  Environment       Custom',
		`  Base URL          ${sim.opentactBaseUrl}`,
		"                    (with /rest: Opentact's API root)",
		'  Authentication    API Key',
		`  API Key           ${opentact.apiKey}`,
		'    or Authentication  Email and Password',
		`  Email             ${opentact.email}`,
		`  Password          ${opentact.password}`,
		'',
		'2sms credential (credential type "2sms API" in n8n)',
		'  Base URL          Custom',
		`  Custom Base URL   ${sim.twoSmsBaseUrl}`,
		'                    (no /rest: 2sms routes start at the host root)',
		`  Client ID         ${twoSms.clientId}`,
		`  Client Secret     ${twoSms.clientSecret}`,
	].join('\n');
}

function banner(sim) {
	return [
		`Opentact + 2sms simulator listening on ${sim.url}`,
		'',
		credentialBlock(sim),
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

// Run as a program (`npm run simulator`); required (by the n8n launcher) only for credentialBlock.
if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { credentialBlock };
