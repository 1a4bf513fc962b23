'use strict';
// The IWorkflowExecuteAdditionalData the engine hands to every node context. Only what a
// single, self-contained run needs; sub-workflows and the Code node's task runner are not
// available in the harness and fail loudly.
require('./env');
const { ExternalSecretsProxy } = require('n8n-core');
const { UserError } = require('n8n-workflow');

// URLs must be absolute: $execution.resumeUrl etc. are built with `new URL()`.
const BASE_URL = 'http://localhost:5678';

const unsupported = (what) => async () => {
	throw new UserError(`${what} is not supported by the test harness`);
};

/**
 * `baseUrl` is where n8n's own URLs point (webhooks among them); the trigger helpers pass their
 * stand-in webhook server's, everything else keeps BASE_URL.
 */
function buildAdditionalData({ credentialsHelper, hooks, executionId, timeoutMs, baseUrl = BASE_URL }) {
	return {
		credentialsHelper,
		hooks,
		executionId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		executionTimeoutTimestamp: timeoutMs ? Date.now() + timeoutMs : undefined,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('The Code node (task runner)'),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	};
}

module.exports = { buildAdditionalData, BASE_URL };
