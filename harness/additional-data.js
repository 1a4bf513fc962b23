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

function buildAdditionalData({ credentialsHelper, hooks, executionId, timeoutMs }) {
	return {
		credentialsHelper,
		hooks,
		executionId,
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		executionTimeoutTimestamp: timeoutMs ? Date.now() + timeoutMs : undefined,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
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
