'use strict';
// A node's list search (a resource locator's "From List", `methods.listSearch.<name>`) in
// n8n-core's real LoadOptionsContext, as the editor calls it when the list is opened or searched.
require('./env');
const { LoadOptionsContext } = require('n8n-core');
const { Workflow, UserError } = require('n8n-workflow');
const { prepareTypes } = require('./node-types');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials');
const { buildAdditionalData } = require('./additional-data');
const { loadWorkflowFixture } = require('./run-workflow');

/**
 * Calls `method` of node `node` (a name in the workflow) with `filter`. Options: `credentials` /
 * `credentialStore`, `parameter` (the path of the field asking, e.g. 'parameters.messagingProfile').
 * Resolves to the method's answer ({results}); rejects with what it threw.
 */
async function runListSearch(workflowJsonOrPath, { node: nodeName, method, filter, parameter, ...options }) {
	const source = typeof workflowJsonOrPath === 'string' ? loadWorkflowFixture(workflowJsonOrPath) : structuredClone(workflowJsonOrPath);
	const { nodeTypes, credentialTypes } = await prepareTypes(source.nodes.map((n) => n.type));
	const store = options.credentialStore ?? createCredentialStore();
	for (const [type, data] of Object.entries(options.credentials ?? {})) store.set(type, data);
	const workflow = new Workflow({ id: 'harness-workflow', nodes: source.nodes, connections: source.connections ?? {}, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	const node = workflow.getNode(nodeName);
	if (!node) throw new UserError(`Node "${nodeName}" is not in the workflow`);
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new UserError(`Node "${nodeName}" has no list search "${method}"`);
	const credentialsHelper = new HarnessCredentialsHelper({ store, credentialTypes, nodeTypes });
	const additionalData = { ...buildAdditionalData({ credentialsHelper, executionId: 'harness-list' }), currentNodeParameters: node.parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, parameter ?? 'parameters');
	return await search.call(context, filter);
}

module.exports = { runListSearch };
