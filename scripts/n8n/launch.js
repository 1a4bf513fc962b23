'use strict';
// `npm run n8n` (node scripts/n8n launch): real n8n (2.41.1 on Node 24 by default) on
// http://127.0.0.1:5678 with this package installed as a community package, the simulator
// running, credentials pointing at it and the example workflows imported. Ctrl+C stops
// everything. Required by test/package for what it prints.
//   npm run n8n [-- --version 1.123.81] [--port 5678] [--keep] [--work-dir <folder>]
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureN8n } = require('./install');
const { DEFAULT_VERSION, CACHE_ROOT, log } = require('../lib/runtime');
const { assertPortFree } = require('../lib/processes');
const { createStack } = require('./stack');
const { OWNER } = require('../lib/instance');
const { credentialBlock } = require('../../simulator/cli');

/**
 * A request body per webhook example (by file name in examples/) that the example answers with
 * success against the simulator's seed state (simulator/fixtures/default.json): +1 201-777-1234
 * is a leased line with SMS on, 07700 900101 is on the 2sms stop log. `again` says what the same
 * call answers once it has been made, as the seed state is then changed.
 * test/package/launcher.test.js runs every webhook example with its body and fails for a webhook
 * example that has none.
 */
const WEBHOOK_SAMPLES = {
	'crm-webhook-disable-sms.json': {
		body: { phone: '+1 201-777-1234', contact: '07700 900101', customerId: 'C-1042' },
		again: 'the same call again answers "alreadyDisabled" and "notOnStopLog"',
	},
};

/**
 * n8n's webhook path prefixes: production URLs are /webhook/<path>, the test URL the editor
 * listens on after "Execute workflow" is /webhook-test/<path>. n8n reads them from
 * N8N_ENDPOINT_WEBHOOK / N8N_ENDPOINT_WEBHOOK_TEST, which the n8n we start inherits from this
 * environment, so the printed URLs follow them too.
 */
const DEFAULT_WEBHOOK_ENDPOINTS = { production: 'webhook', test: 'webhook-test' };

/** How long n8n listens on a test URL after "Execute workflow" (n8n's TEST_WEBHOOK_TIMEOUT). */
const TEST_WEBHOOK_LISTEN_MINUTES = 2;

function webhookUrls(n8nUrl, webhookPath, env = process.env) {
	const production = env.N8N_ENDPOINT_WEBHOOK || DEFAULT_WEBHOOK_ENDPOINTS.production;
	const test = env.N8N_ENDPOINT_WEBHOOK_TEST || DEFAULT_WEBHOOK_ENDPOINTS.test;
	return {
		production: `${n8nUrl}/${production}/${webhookPath}`,
		test: `${n8nUrl}/${test}/${webhookPath}`,
	};
}

/** A curl command line for a POSIX shell; the JSON body is single-quoted (quotes inside escaped). */
function curlCommand(method, url, body) {
	const json = JSON.stringify(body).replaceAll("'", "'\\''");
	return `curl -X ${method} ${url} -H 'content-type: application/json' -d '${json}'`;
}

/** What to do with one example workflow, in lines (indented under its name). */
function exampleLines(example, n8nUrl, simUrl, env) {
	const lines = [`  ${example.name}`, `    ${n8nUrl}/workflow/${example.id}`];
	if (!example.webhookPath) {
		lines.push('    Open it and click "Execute workflow".');
		return lines;
	}
	const sample = WEBHOOK_SAMPLES[example.file];
	if (!sample) throw new Error(`examples/${example.file} has a webhook but no sample body in WEBHOOK_SAMPLES`);
	const urls = webhookUrls(n8nUrl, example.webhookPath, env);
	lines.push(
		'    It is published, so n8n answers on its production URL now:',
		`      ${curlCommand(example.webhookMethod, urls.production, sample.body)}`,
		`    To watch a run in the editor: open it, click "Execute workflow" (n8n then listens on the`,
		`    test URL for ${TEST_WEBHOOK_LISTEN_MINUTES} minutes, for one call), and send the same body there:`,
		`      ${curlCommand(example.webhookMethod, urls.test, sample.body)}`,
		`    Once one call has gone through, ${sample.again}; POST ${simUrl}/__sim/reset restores the seed state.`,
	);
	return lines;
}

/** Everything `npm run n8n` prints once n8n is up. */
function launchInstructions({ version, n8nUrl, sim, examples, logFile, env = process.env }) {
	return [
		'',
		`n8n ${version} is running with n8n-nodes-opentact-2sms installed.`,
		'',
		`  Open      ${n8nUrl}/home/workflows`,
		`  Log in    ${OWNER.email} / ${OWNER.password}`,
		'',
		'Example workflows:',
		...examples.flatMap((example) => exampleLines(example, n8nUrl, sim.url, env)),
		'',
		'The credentials "Opentact account" and "2sms account" are imported and point at the simulator.',
		'To create a credential yourself, these are the values:',
		'',
		credentialBlock(sim),
		'',
		`The simulator: ${sim.url}`,
		`  what it received: ${sim.url}/__sim/requests.txt, its state: ${sim.url}/__sim/state, reset: POST ${sim.url}/__sim/reset`,
		'',
		`n8n's log: ${logFile}`,
		'Ctrl+C stops n8n and the simulator.',
	].join('\n');
}

/**
 * `node scripts/n8n launch [--version 1.123.81] [--port 5678] [--keep] [--work-dir <folder>]`;
 * runs until Ctrl+C. --work-dir (default: the demo folder in the cache) lets the acceptance suite
 * run the launcher without touching a user's demo.
 */
async function launch(argv) {
	const { values } = parseArgs({
		args: argv,
		options: {
			version: { type: 'string', default: DEFAULT_VERSION },
			port: { type: 'string', default: '5678' },
			keep: { type: 'boolean', default: false },
			'work-dir': { type: 'string' },
		},
	});
	const port = Number(values.port);
	await assertPortFree(port);
	ensureN8n(values.version);
	const workDir = values['work-dir']
		? path.resolve(values['work-dir'])
		: path.join(CACHE_ROOT, 'demo', `n8n-${values.version}`);
	// A fresh n8n unless --keep: the examples and credentials as shipped. With --keep, what the
	// user built in n8n stays (workflows, executions, changed examples); the simulator always starts
	// from its seed state, and the two credentials are pointed at it again.
	if (!values.keep) fs.rmSync(workDir, { recursive: true, force: true });
	const logFile = path.join(workDir, 'n8n.log');
	fs.mkdirSync(workDir, { recursive: true });
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	log(`setting up n8n ${values.version} in ${workDir} (log: ${logFile})`);
	const stack = await createStack({
		version: values.version,
		workDir,
		port,
		onOutput: (text) => logStream.write(text),
		keepExamples: values.keep,
	});
	const stop = async () => {
		await stack.close();
		logStream.end();
	};
	process.on('SIGINT', () => stop().finally(() => process.exit(0)));
	process.on('SIGTERM', () => stop().finally(() => process.exit(0)));
	await stack.n8n.spawn('start');
	await stack.n8n.ensureOwnerAndLogin();
	console.log(
		launchInstructions({
			version: values.version,
			n8nUrl: stack.n8n.url,
			sim: stack.sim,
			examples: stack.examples,
			logFile,
		}),
	);
	await new Promise(() => {});
}

module.exports = { launch, launchInstructions, webhookUrls, curlCommand, WEBHOOK_SAMPLES };
