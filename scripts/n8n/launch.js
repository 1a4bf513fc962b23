#!/usr/bin/env node
'use strict';
// `npm run n8n`: real n8n (2.41.1 on Node 24 by default) on http://127.0.0.1:5678 with this
// package installed as a community package, the simulator running, credentials pointing at it
// and the example workflows imported. Ctrl+C stops everything.
//   npm run n8n [-- --version 1.123.81] [--port 5678]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureN8n } = require('./install');
const { DEFAULT_VERSION, CACHE_ROOT, log } = require('./runtime');
const { assertPortFree, killAllNow } = require('./processes');
const { createStack } = require('./stack');
const { OWNER } = require('./instance');

async function main() {
	const { values } = parseArgs({
		options: {
			version: { type: 'string', default: DEFAULT_VERSION },
			port: { type: 'string', default: '5678' },
		},
	});
	const port = Number(values.port);
	await assertPortFree(port);
	ensureN8n(values.version);
	const workDir = path.join(CACHE_ROOT, 'demo', `n8n-${values.version}`);
	// A fresh n8n every time: the examples and credentials as shipped, the simulator's seed state.
	fs.rmSync(workDir, { recursive: true, force: true });
	const logFile = path.join(workDir, 'n8n.log');
	fs.mkdirSync(workDir, { recursive: true });
	const logStream = fs.createWriteStream(logFile);
	log(`setting up n8n ${values.version} in ${workDir} (log: ${logFile})`);
	const stack = await createStack({
		version: values.version,
		workDir,
		port,
		onOutput: (text) => logStream.write(text),
	});
	const stop = async () => {
		await stack.close();
		logStream.end();
	};
	process.on('SIGINT', () => stop().finally(() => process.exit(0)));
	process.on('SIGTERM', () => stop().finally(() => process.exit(0)));
	await stack.n8n.spawn('start');
	await stack.n8n.ensureOwnerAndLogin();
	const webhooks = stack.examples
		.filter((example) => example.webhookPath)
		.map(
			(example) =>
				`  curl -X ${example.webhookMethod} ${stack.n8n.url}/webhook/${example.webhookPath} -H 'content-type: application/json' -d '{"phone": "+1 201-777-1234"}'`,
		);
	console.log(
		[
			'',
			`n8n ${values.version} is running with n8n-nodes-opentact-2sms installed.`,
			'',
			`  Open      ${stack.n8n.url}/home/workflows`,
			`  Log in    ${OWNER.email} / ${OWNER.password}`,
			'',
			'Workflows (open one and click "Execute workflow"):',
			...stack.examples.map(
				(example) => `  ${example.name}\n    ${stack.n8n.url}/workflow/${example.id}`,
			),
			'',
			'Credentials "Opentact account" and "2sms account" point at the simulator:',
			`  ${stack.sim.url}   (what it received: ${stack.sim.url}/__sim/requests.txt, state: ${stack.sim.url}/__sim/state, reset: POST ${stack.sim.url}/__sim/reset)`,
			'',
			'The published webhook example answers on:',
			...webhooks,
			'',
			`n8n's log: ${logFile}`,
			'Ctrl+C stops n8n and the simulator.',
		].join('\n'),
	);
	await new Promise(() => {});
}

main().catch((error) => {
	console.error(error);
	killAllNow();
	process.exit(1);
});
