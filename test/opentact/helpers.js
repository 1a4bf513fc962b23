'use strict';
// Shared set-up for the Opentact engine tests: the simulator, credentials for both sign-in
// methods, and the workflow fixtures in test/workflows/opentact with per-test settings.
const { runWorkflow, loadWorkflowFixture } = require('../../harness');
const { opentactCredentials } = require('../../harness/simulatorCredentials');
const { startSimulator, loadDefaultFixture, generateLeases } = require('../../simulator');

const NODE = 'Opentact';

/** Fixture leases the tests refer to (simulator/fixtures/default.json). */
const LEASES = {
	a1234: { tn: '12017771234', uuid: 'adf7637d-3363-49d4-8922-112cc34a62bc' },
	a1235: { tn: '12017771235', uuid: '25415222-a5d5-4090-b368-9f14101f1260' },
	a1236: { tn: '12017771236', uuid: '0e0d3bc6-0777-4e08-a2be-c451c9a64b87' },
	b0100: { tn: '12015550100', uuid: 'e5fdb812-a708-4777-a5ff-b75ea1e3cdd4' },
	/** SMS already off in the fixture. */
	b0101: { tn: '12015550101', uuid: '6101ea41-ae5c-4213-b54b-3dd6b7d0fd10' },
	c0142: { tn: '12125550142', uuid: 'eea16f0e-3397-4cc9-8021-2b8098c8b11c' },
	/** SMS already off in the fixture. */
	c0143: { tn: '12125550143', uuid: '105d1301-f13e-4e64-87fd-549417e9cc36' },
	d0170: { tn: '14155550170', uuid: '0f8950a1-81ca-4023-af8c-a315d6f64427' },
	d0171: { tn: '14155550171', uuid: 'd0810dd9-289e-4f1b-b39c-84d603925262' },
	/** Leased by another account: 403. */
	foreign: { tn: '17185550123', uuid: '2dcfe4f9-7528-48ea-b7fc-58a3e178d74d' },
};
const PROFILE_UUID = 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7';
const CAMPAIGN_UUID = 'be79e81d-aba9-4291-b1ba-595b8077c63a';

/** Retries kept short so failure paths run in milliseconds, not the default seconds. */
const FAST_RETRIES = { maxRetries: 2, timeoutMs: 2000 };

const apiKeyCredentials = (sim) => opentactCredentials(sim, { authentication: 'apiKey' });
const emailCredentials = (sim) => opentactCredentials(sim, { authentication: 'emailPassword' });

/**
 * A workflow fixture (test/workflows/opentact/<name>.json) with the Opentact node's parameters,
 * options and node settings (continueOnFail, onError) overridden.
 */
function opentactWorkflow(name, { parameters = {}, options = {}, node: nodeSettings = {} } = {}) {
	const workflow = loadWorkflowFixture(`test/workflows/opentact/${name}.json`);
	const node = workflow.nodes.find((candidate) => candidate.name === NODE);
	Object.assign(node.parameters, parameters);
	node.parameters.options = { ...node.parameters.options, ...options };
	Object.assign(node, nodeSettings);
	return workflow;
}

/** Runs a fixture against the simulator with API-key credentials unless others are given. */
async function run(sim, name, input, { credentials, credentialStore, ...overrides } = {}) {
	return await runWorkflow(opentactWorkflow(name, overrides), {
		credentials: credentialStore ? undefined : { opentactApi: credentials ?? apiKeyCredentials(sim) },
		credentialStore,
		input: input.map((json) => ({ json })),
	});
}

const jsonOf = (items) => items.map((item) => item.json);
const pairingOf = (items) => items.map((item) => item.pairedItem);

/** Recorded requests to one Opentact route, e.g. requestsTo(sim, 'DELETE', '/rest/lease/tn/number/subscription/sms'). */
const requestsTo = (sim, method, path) =>
	sim.requests().filter((entry) => entry.method === method && (path instanceof RegExp ? path.test(entry.path) : entry.path === path));

const SMS_ROUTE = '/rest/lease/tn/number/subscription/sms';
const LOOKUP_ROUTE = /^\/rest\/lease\/tn\/\d+\/tn$/;

/** A simulator whose account leases exactly `count` generated numbers, 13025550000 upwards (SMS on). */
async function startSimulatorWithLeases(count) {
	const fixture = loadDefaultFixture();
	fixture.opentact.leases = generateLeases(count, { startTn: 13025550000 });
	return await startSimulator({ fixture });
}

module.exports = {
	NODE,
	LEASES,
	PROFILE_UUID,
	CAMPAIGN_UUID,
	FAST_RETRIES,
	SMS_ROUTE,
	LOOKUP_ROUTE,
	apiKeyCredentials,
	emailCredentials,
	opentactWorkflow,
	run,
	jsonOf,
	pairingOf,
	requestsTo,
	startSimulator,
	startSimulatorWithLeases,
};
