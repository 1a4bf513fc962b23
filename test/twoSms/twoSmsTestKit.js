'use strict';
// Shared set-up for the 2sms engine tests: one simulator per test file, the workflow fixtures
// with per-test node settings, and readers for what the simulator received.
const { loadWorkflowFixture } = require('../../harness');
const { twoSmsCredentials } = require('../../harness/simulatorCredentials');
const { startSimulator } = require('../../simulator');

const NODE = '2sms';
const FIXTURES = {
	remove: 'test/workflows/twoSms/remove-from-stop-log.json',
	add: 'test/workflows/twoSms/add-to-stop-log.json',
	check: 'test/workflows/twoSms/check-stop-log.json',
};
const STOP_LOG_PATH = /^\/api\/v[12]\/addressbook\/stoplog$/i;

/** Starts a simulator for the file and resets it before each test. */
function useSimulator(options) {
	const handle = { sim: undefined };
	beforeAll(async () => {
		handle.sim = await startSimulator(options);
	});
	beforeEach(() => handle.sim.reset());
	afterAll(async () => await handle.sim?.close());
	return handle;
}

/** The twoSmsApi credential pointing at the simulator. */
function credentialsFor(sim, overrides = {}) {
	return {
		twoSmsApi: twoSmsCredentials(sim, overrides),
	};
}

/** A fixture workflow with node settings (onError) and Options for the 2sms node. */
function stopLogWorkflow(operation, { options = {}, ...nodeSettings } = {}) {
	const workflow = loadWorkflowFixture(FIXTURES[operation]);
	const node = workflow.nodes.find((candidate) => candidate.name === NODE);
	Object.assign(node, nodeSettings);
	Object.assign(node.parameters.options, options);
	return workflow;
}

/** A distinct UK mobile number per index, written the way people type them. */
const ukMobile = (index) => `07700 9${String(index).padStart(5, '0')}`;
const ukDigits = (index) => `4477009${String(index).padStart(5, '0')}`;

const stopLogRequests = (sim) => sim.requests().filter((request) => STOP_LOG_PATH.test(request.path));
const tokenRequests = (sim) => sim.requests().filter((request) => /^\/token$/i.test(request.path));

module.exports = {
	NODE,
	useSimulator,
	credentialsFor,
	stopLogWorkflow,
	ukMobile,
	ukDigits,
	stopLogRequests,
	tokenRequests,
};
