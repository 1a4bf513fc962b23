'use strict';
// In-memory credential store + an ICredentialsHelper that behaves like n8n's own
// (packages/cli credentials-helper): defaults applied on read, generic/function
// `authenticate`, `preAuthentication` on an empty `expirable` hidden field (or when forced
// after a 401) with the result saved back to the store. Never logs credential data.
require('./env');
const { getAdditionalKeys } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, UserError, isExpression } = require('n8n-workflow');

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Credential data per credential TYPE (workflow nodes refer to them by type). */
function createCredentialStore(initialDataByType = {}) {
	const data = new Map();
	const preAuthCalls = new Map();
	const reads = new Map();
	const store = {
		get: (type) => clone(data.get(type)),
		has: (type) => data.has(type),
		set(type, value) {
			data.set(type, clone(value)); // stored serialized, like n8n's database row
			return store;
		},
		preAuthenticationCalls: (type) => preAuthCalls.get(type) ?? 0,
		countPreAuthentication: (type) =>
			preAuthCalls.set(type, store.preAuthenticationCalls(type) + 1),
		/** How often a node's run read (and, in n8n, decrypted) the credential of `type`. */
		reads: (type) => reads.get(type) ?? 0,
		countRead: (type) => reads.set(type, store.reads(type) + 1),
		types: () => [...data.keys()],
	};
	for (const [type, value] of Object.entries(initialDataByType)) store.set(type, value);
	return store;
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor({ store, credentialTypes, nodeTypes }) {
		super();
		Object.assign(this, { store, credentialTypes, nodeTypes });
	}

	getParentTypes(name) {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.nodeTypes.supportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(typeName) {
		const type = this.credentialTypes.getByName(typeName);
		const merged = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	readStored(type) {
		if (!this.store.has(type)) {
			throw new UserError(`No credential data given to the test harness for type "${type}"`);
		}
		return this.store.get(type);
	}

	async getCredentials(nodeCredentials, type) {
		const { store } = this;
		const stored = this.readStored(type);
		return {
			id: nodeCredentials?.id ?? null,
			name: nodeCredentials?.name ?? type,
			type,
			getData: async () => clone(stored),
			setData: async (value) => void store.set(type, value),
			updateData: async (value) => void store.set(type, { ...store.get(type), ...value }),
		};
	}

	/** Stored data + the type's defaults, expressions resolved (like n8n's getDecrypted). */
	applyDefaults(type, stored) {
		const data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			stored,
			true,
			false,
			null,
			null,
		);
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;
		return data;
	}

	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, resolve) {
		this.store.countRead(type);
		const stored = this.readStored(type);
		if (raw === true) return stored;
		const data = this.applyDefaults(type, stored);
		if (!resolve) return data;
		const keys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = resolve;
		return workflow.expression.getParameterValue(
			data,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			keys,
			executeData,
			false,
			data,
		);
	}

	async updateCredentials(nodeCredentials, type, data) {
		this.store.set(type, data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		this.store.set(type, { ...this.store.get(type), oauthTokenData: data.oauthTokenData });
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type !== 'generic') return requestOptions;
		const resolveValue = (value) => {
			if (!isExpression(value)) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? resolved.toString() : '';
		};
		requestOptions.headers ??= {};
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			requestOptions[target] ??= {};
			for (const [key, value] of Object.entries(entries)) {
				requestOptions[target][resolveValue(key)] = resolveValue(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = this.credentialTypes.getByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// n8n's credential test runs through a temporary No-Op node with a `temp` parameter.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}
		const output = await this.callPreAuthentication(type, helpers, credentials);
		// Like n8n: a hook returning nothing is a TypeError here; no token → nothing saved.
		if (output[expirable.name] === undefined || !node.credentials) return undefined;
		// Persist like n8n: never replace a field the user stored as an expression.
		const stored = this.readStored(type.name);
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
		}
		await this.updateCredentials(node.credentials[type.name], type.name, toPersist);
		return Object.assign(credentials, output);
	}

	/** The hook without the expirable guard or saving (n8n uses it for OAuth2 requests). */
	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.credentialTypes.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await this.callPreAuthentication(type, helpers, credentials)) ?? undefined;
	}

	async callPreAuthentication(type, helpers, credentials) {
		this.store.countPreAuthentication(type.name);
		// Only `httpRequest` is handed to the hook, as n8n does.
		const narrowed = {
			helpers: { httpRequest: (options) => helpers.helpers.httpRequest(options) },
		};
		return await type.preAuthentication.call(narrowed, credentials);
	}
}

module.exports = { createCredentialStore, HarnessCredentialsHelper };
