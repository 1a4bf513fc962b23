'use strict';
// What n8n's "Test" button does for a credential with a declarative `test` request
// (packages/cli CredentialsTester): a temporary No-Op node whose only property routes the
// test request, run through n8n-core's RoutingNode, so baseURL expressions resolve against
// the credential data, preAuthentication runs first and `authenticate` is applied. Then
// `test.rules` decide between OK and Error.
require('./env');
const { ExecuteContext, RoutingNode } = require('n8n-core');
const { NodeHelpers, VersionedNodeType, Workflow } = require('n8n-workflow');
const { prepareTypes } = require('./node-types');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials');
const { buildAdditionalData } = require('./additional-data');

const getPath = (object, dotted) =>
	dotted.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);

/** A credential type's `test`, or a node's `testedBy` for it (request or method name). */
function findTest(type, credentialTypes, nodeTypes) {
	const credentialType = credentialTypes.getByName(type);
	if (credentialType.test) return { testRequest: credentialType.test };
	for (const fullType of nodeTypes.supportedNodes(type)) {
		const node = nodeTypes.getByName(fullType);
		const versions =
			node instanceof VersionedNodeType ? Object.values(node.nodeVersions).reverse() : [node];
		for (const version of versions) {
			const testedBy = version.description.credentials?.find((c) => c.name === type)?.testedBy;
			if (typeof testedBy === 'string')
				return { testFunction: version.methods?.credentialTest?.[testedBy] };
			if (testedBy) return { testRequest: testedBy, nodeType: version };
		}
	}
	return {};
}

/**
 * testCredential(type, data?, { credentialStore }) → { status: 'OK' | 'Error', message }.
 * `data` defaults to the store's data for `type`; a token obtained by preAuthentication is
 * saved into the given store (or a throwaway one).
 */
async function testCredential(type, data, { credentialStore } = {}) {
	const store = credentialStore ?? createCredentialStore();
	if (data !== undefined) store.set(type, data);
	const { nodeTypes, credentialTypes } = await prepareTypes(['n8n-nodes-base.noOp']);
	const { testRequest, testFunction, nodeType } = findTest(type, credentialTypes, nodeTypes);
	const credentialsHelper = new HarnessCredentialsHelper({ store, credentialTypes, nodeTypes });
	const decrypted = {
		id: `harness-${type}`,
		name: type,
		type,
		data: credentialsHelper.applyDefaults(type, credentialsHelper.readStored(type)),
	};
	if (testFunction) return await testFunction.call({ helpers: {} }, decrypted);
	if (!testRequest)
		return { status: 'Error', message: 'No testing function found for this credential.' };

	const baseType = nodeType ?? nodeTypes.getByNameAndVersion('n8n-nodes-base.noOp');
	const tempType = {
		description: {
			...baseType.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: { temp: '' },
		credentials: { [type]: { id: decrypted.id, name: decrypted.name } },
	};
	const tempNodeTypes = {
		getByName: () => tempType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(tempType),
		getKnownTypes: () => ({}),
		supportedNodes: () => [node.type],
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: tempNodeTypes,
	});
	const additionalData = buildAdditionalData({
		credentialsHelper,
		executionId: 'harness-credential-test',
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } },
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response;
	try {
		response = await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === httpResponse.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (httpResponse.status < 199 || httpResponse.status > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${httpResponse.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (getPath(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

module.exports = { testCredential };
