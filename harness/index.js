'use strict';
// Engine-level test harness: run workflow JSON through n8n-core's real execution engine
// against the BUILT package (dist/), with in-memory credentials. See README.md here.
require('./env'); // before anything loads n8n-core
const { runWorkflow, loadWorkflowFixture } = require('./run-workflow');
const { activatePollTrigger } = require('./poll-trigger');
const { createCredentialStore } = require('./credentials');
const { testCredential } = require('./credential-test');
const { registerPackage, ownPackageName } = require('./node-types');
const { BASE_URL } = require('./additional-data');
const { simulatorCredentials, opentactCredentials, twoSmsCredentials } = require('./simulatorCredentials');
const { startWebhookServer, activateWebhookTrigger, pollTrigger } = require('./triggers');
const { runListSearch } = require('./list-search');

/** Workflow JSON type string of one of this package's nodes, e.g. nodeType('opentact'). */
const nodeType = (name) => `${ownPackageName}.${name}`;

/** One item shaped like the Webhook node's (v2) output for an incoming request. */
const webhookRequest = ({ body = {}, query = {}, headers = {}, params = {}, path = '' } = {}) => ({
	json: {
		headers: { 'content-type': 'application/json', ...headers },
		params,
		query,
		body,
		webhookUrl: `${BASE_URL}/webhook-test/${path}`,
		executionMode: 'test',
	},
});

module.exports = {
	runWorkflow,
	activatePollTrigger,
	loadWorkflowFixture,
	createCredentialStore,
	testCredential,
	registerPackage,
	nodeType,
	webhookRequest,
	simulatorCredentials,
	opentactCredentials,
	twoSmsCredentials,
	startWebhookServer,
	activateWebhookTrigger,
	pollTrigger,
	runListSearch,
	PACKAGE_NAME: ownPackageName,
};
