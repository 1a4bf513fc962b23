'use strict';
// The benchmark's 2sms scenario once in real n8n, to show that the engine figures of
// `npm run bench` are representative: the same 2sms node settings, the same simulator set-up
// (its own process, 20 ms latency, 10 requests served at once), the same 10,000 contacts.
const fs = require('node:fs');
const path = require('node:path');
const { buildFixture, REASON } = require('../../scripts/lib/fixture');
const { scenario, LATENCY_MS, MAX_CONCURRENT } = require('../../scripts/bench/scenarios');
const { runScenario } = require('../../scripts/bench/runScenario');
const { n8nCredentialImport } = require('../../harness/simulatorCredentials');

const REPO = path.resolve(__dirname, '..', '..');
const BENCH_WORKFLOW = path.join(REPO, 'scripts', 'lib', 'workflows', 'ours-twosms-remove.json');
const COUNT = 10_000;
const SCENARIO = scenario('twoSms', COUNT, false); // twosms-remove-10000
const SIMULATOR_ARGS = ['--latency', String(LATENCY_MS), '--max-concurrent', String(MAX_CONCURRENT)];
const WORKFLOW_ID = 'benchTwoSmsRemov';
const CREDENTIAL = { id: 'twoSmsBench00001', name: '2sms (throughput simulator)' };

/** A fixture file: the default accounts with COUNT contacts on the 2sms stop log. */
function writeFixture(workDir) {
	const file = path.join(workDir, 'throughput-fixture.json');
	fs.writeFileSync(file, JSON.stringify(buildFixture(SCENARIO.fixture)));
	return file;
}

/** The 2sms credential pointing at the throughput simulator, as `n8n import:credentials` reads it. */
function writeCredential(workDir, sim) {
	const twoSms = n8nCredentialImport(sim).find((credential) => credential.type === 'twoSmsApi');
	const file = path.join(workDir, 'throughput-credential.json');
	fs.writeFileSync(file, JSON.stringify([{ ...twoSms, ...CREDENTIAL }]));
	return file;
}

/**
 * The bench workflow's 2sms node, fed by what a user would build in n8n to get 10,000 items:
 * Edit Fields making the list (the same numbers and reason the bench feeds), then Split Out.
 */
function writeWorkflow(workDir) {
	const bench = JSON.parse(fs.readFileSync(BENCH_WORKFLOW, 'utf8'));
	const trigger = bench.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const twoSms = bench.nodes.find((node) => node.name === '2sms');
	// The bench's fixture numbers: +44 7500 000000 upwards (scripts/lib/fixture.js).
	const contacts =
		`Array.from({ length: ${COUNT} }, (_, i) => ({ phone: '+44 7500 ' + String(i).padStart(6, '0'), ` +
		`reason: ${JSON.stringify(REASON)} }))`;
	const workflow = {
		id: WORKFLOW_ID,
		name: `Throughput: 2sms Remove from Stop Log, ${COUNT} contacts`,
		nodes: [
			{ ...trigger, position: [0, 0] },
			{
				parameters: { mode: 'raw', jsonOutput: `={{ JSON.stringify({ contacts: ${contacts} }) }}`, options: {} },
				id: 'b0000000-0000-4000-8000-0000000000a1',
				name: 'Contacts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
			},
			{
				parameters: { fieldToSplitOut: 'contacts', options: {} },
				id: 'b0000000-0000-4000-8000-0000000000a2',
				name: 'One item per contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
			},
			{ ...twoSms, position: [660, 0], credentials: { twoSmsApi: CREDENTIAL } },
		],
		connections: {
			[trigger.name]: { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'One item per contact', type: 'main', index: 0 }]] },
			'One item per contact': { main: [[{ node: twoSms.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
	const file = path.join(workDir, 'throughput-workflow.json');
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	return { file, id: WORKFLOW_ID, nodeName: twoSms.name };
}

/**
 * The same scenario through n8n's engine, as `npm run bench` runs ours (one child process), but
 * without the bench's warm-up: `n8n execute` also runs one execution in a fresh process.
 */
const runEngineScenario = () => runScenario(SCENARIO, 'ours', { warmUp: false });

module.exports = {
	COUNT,
	SCENARIO,
	SIMULATOR_ARGS,
	writeFixture,
	writeCredential,
	writeWorkflow,
	runEngineScenario,
};
