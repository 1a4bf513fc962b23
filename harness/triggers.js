'use strict';
// Trigger nodes through n8n-core's real contexts, the way n8n's CLI drives them (which the
// harness cannot load): a webhook trigger's webhookMethods (checkExists, create, delete) in a
// HookContext on activation and deactivation, its webhook() in a WebhookContext for each POST
// to a small stand-in for n8n's webhook endpoint on 127.0.0.1, and a polling trigger's poll()
// in a PollContext. What n8n's CLI adds around them is copied here, with its source named:
//   - static data: a workflow's "saved" static data lives in the handle; activation, every
//     webhook request and deactivation load it into a fresh Workflow and save it back when it
//     changed (active-workflow-manager / live-webhooks saveStaticData);
//   - "Listen for test event" starts from empty static data, keeps the registration's copy
//     (serialised, as n8n's test-webhook registrations are) for webhook() and delete, and
//     deregisters (runs delete) after the first request that starts the workflow
//     (test-webhooks.js);
//   - a failed create is followed by delete (webhook-trigger-registrar clearRegisteredWebhook);
//   - webhook() results become responses as webhook-helpers.js executeWebhook makes them.
require('./env');
const http = require('node:http');
const { HookContext, PollContext, WebhookContext } = require('n8n-core');
const { Workflow, UserError } = require('n8n-workflow');
const { prepareTypes } = require('./node-types');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials');
const { buildAdditionalData } = require('./additional-data');
const { runWorkflow, loadWorkflowFixture } = require('./run-workflow');

const clone = (value) => JSON.parse(JSON.stringify(value ?? {}));

/** The static data n8n would write to its database: without the change marker. */
const saved = (workflow) => clone(workflow.staticData);

async function setUp(source, options) {
	const { nodeTypes, credentialTypes } = await prepareTypes(source.nodes.map((n) => n.type));
	const store = options.credentialStore ?? createCredentialStore();
	for (const [type, data] of Object.entries(options.credentials ?? {})) store.set(type, data);
	const credentialsHelper = new HarnessCredentialsHelper({ store, credentialTypes, nodeTypes });
	return { nodeTypes, store, credentialsHelper };
}

function makeWorkflow(source, nodeTypes, staticData, active) {
	return new Workflow({
		id: source.id ?? 'harness-workflow',
		name: source.name ?? 'Harness workflow',
		nodes: structuredClone(source.nodes),
		connections: source.connections ?? {},
		active,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1', ...source.settings },
	});
}

function pickTriggerNode(workflow, name, has) {
	const node = name
		? workflow.getNode(name)
		: Object.values(workflow.nodes).find((candidate) => has(workflow.nodeTypes.getByNameAndVersion(candidate.type, candidate.typeVersion)));
	if (!node) throw new UserError(name ? `Node "${name}" is not in the workflow` : 'The workflow has no such trigger node');
	return node;
}

// ---------------------------------------------------------------- the stand-in for n8n's webhook endpoint

/** Express-like query: repeated keys become lists, as n8n's (qs) parser makes them. */
function parseQuery(searchParams) {
	const query = {};
	for (const [key, value] of searchParams) {
		if (key in query) query[key] = [].concat(query[key], value);
		else query[key] = value;
	}
	return query;
}

/** The body as n8n's parseBody leaves it: JSON parsed, form fields, text; else nothing ({}). */
function parseBody(contentType, raw) {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const text = raw.toString('utf8');
	if (type === 'application/json' || type.endsWith('+json')) {
		if (text === '') return { body: {} };
		try {
			return { body: JSON.parse(text) };
		} catch (error) {
			return { error };
		}
	}
	if (type === 'application/x-www-form-urlencoded') return { body: parseQuery(new URLSearchParams(text)) };
	if (type.startsWith('text/')) return { body: text };
	return { body: {} };
}

/** The parts of an express Response a node uses, writing to Node's real response. */
function responseFor(res) {
	const response = {
		statusCode: 200,
		get headersSent() {
			return res.headersSent;
		},
		status(code) {
			response.statusCode = code;
			return response;
		},
		setHeader(name, value) {
			res.setHeader(name, value);
			return response;
		},
		json(body) {
			return response.send(body);
		},
		send(body) {
			if (res.writableEnded) return response;
			const isText = typeof body === 'string';
			const text = isText ? body : JSON.stringify(body ?? null);
			if (!res.headersSent) {
				res.statusCode = response.statusCode;
				res.setHeader('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
			}
			res.end(text);
			return response;
		},
		end() {
			if (!res.writableEnded) {
				if (!res.headersSent) res.statusCode = response.statusCode;
				res.end();
			}
			return response;
		},
	};
	return response;
}

/**
 * A stand-in for n8n's webhook endpoints on 127.0.0.1 (`<baseUrl>/webhook/…` and
 * `<baseUrl>/webhook-test/…`): activated webhook triggers register their paths here.
 */
async function startWebhookServer() {
	const routes = new Map(); // 'POST /webhook/<path>' -> handler(req, res)
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const route = routes.get(`${req.method} ${url.pathname.replace(/\/+$/, '')}`);
			requests.push({ method: req.method, path: url.pathname, found: Boolean(route) });
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (!route) return send(404, { code: 404, message: 'The requested webhook is not registered.' });
			const raw = Buffer.concat(chunks);
			const parsed = parseBody(req.headers['content-type'], raw);
			if (parsed.error) return send(400, { message: 'The body could not be parsed as JSON' });
			const request = {
				method: req.method,
				url: req.url,
				originalUrl: req.url,
				path: url.pathname,
				headers: req.headers,
				header: (name) => req.headers[String(name).toLowerCase()],
				query: parseQuery(url.searchParams),
				params: {},
				body: parsed.body,
				rawBody: raw,
				contentType: (req.headers['content-type'] ?? '').split(';')[0].trim(),
			};
			void Promise.resolve(route(request, responseFor(res))).catch((error) => {
				if (!res.headersSent) send(500, { message: `harness: ${error.message}` });
			});
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${server.address().port}`;
	return {
		baseUrl,
		/** Every request that reached the stand-in: {method, path, found}. */
		requests: () => requests.map((entry) => ({ ...entry })),
		register: (method, pathname, handler) => routes.set(`${method} ${pathname}`, handler),
		unregister: (method, pathname) => routes.delete(`${method} ${pathname}`),
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

// ---------------------------------------------------------------- webhook triggers

/**
 * Activates the webhook trigger of a workflow as n8n would: `mode` 'trigger' (the workflow is
 * activated) or 'manual' ("Listen for test event"). Resolves to a handle; a failed activation
 * resolves too, with `error` set, after delete ran as n8n runs it.
 *
 * Options: `server` (startWebhookServer()), `credentials` / `credentialStore`, `staticData`
 * (the workflow's saved static data, e.g. a handle's `staticData` from an earlier activation),
 * `node` (the trigger's name; default the first node with webhooks), `timeoutMs` for the runs,
 * `n8nMajor` (1: after a failed create, delete sees the static data saved before activation, as
 * n8n 1.x's clearWebhooks loads it; default 2: the static data create left).
 */
async function activateWebhookTrigger(workflowJsonOrPath, options) {
	const source = typeof workflowJsonOrPath === 'string' ? loadWorkflowFixture(workflowJsonOrPath) : structuredClone(workflowJsonOrPath);
	const { server } = options;
	if (!server) throw new UserError('activateWebhookTrigger needs a `server` (startWebhookServer())');
	const mode = options.mode ?? 'trigger';
	const isTest = mode === 'manual';
	const { nodeTypes, store, credentialsHelper } = await setUp(source, options);
	const additionalData = () => buildAdditionalData({ credentialsHelper, hooks: undefined, executionId: 'harness-hook', baseUrl: server.baseUrl });

	const pending = []; // deregistrations under way, which settled() waits for too
	const handle = {
		mode,
		active: false,
		error: undefined,
		/** The workflow's saved static data (production); in test mode the registration's copy. */
		staticData: isTest ? {} : clone(options.staticData),
		credentialStore: store,
		/** Every webhook request the trigger answered: {status, started, error}. */
		calls: [],
		/** Runs the trigger started (runWorkflow results), in order. */
		executions: [],
		url: undefined,
	};

	const workflowWith = (staticData, active = !isTest) => makeWorkflow(source, nodeTypes, staticData, active);
	const first = workflowWith(clone(handle.staticData));
	const node = pickTriggerNode(first, options.node, (type) => Boolean(type.webhook));
	const nodeType = first.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const description = nodeType.description.webhooks[0];
	const webhookData = (data) => ({
		httpMethod: description.httpMethod,
		node: node.name,
		path: `${node.webhookId}/${description.path}`,
		webhookDescription: description,
		workflowId: first.id,
		workflowExecuteAdditionalData: data,
		webhookId: node.webhookId,
		isTest,
	});
	const hook = (workflow, method, hookMode, activation) => {
		const data = additionalData();
		const context = new HookContext(workflow, workflow.getNode(node.name), data, hookMode, activation, webhookData(data));
		return nodeType.webhookMethods[description.name][method].call(context);
	};
	const keep = (workflow) => {
		// n8n saves a workflow's static data when it changed; a test registration keeps its own copy.
		if (isTest || workflow.staticData.__dataChanged) handle.staticData = saved(workflow);
	};

	handle.url = (() => {
		const data = additionalData();
		return new HookContext(first, first.getNode(node.name), data, mode, isTest ? 'manual' : 'activate', webhookData(data)).getNodeWebhookUrl(description.name);
	})();
	const pathname = new URL(handle.url).pathname;

	const deregister = async (hookMode, activation, staticData = handle.staticData) => {
		server.unregister(description.httpMethod, pathname);
		const workflow = workflowWith(clone(staticData));
		try {
			return await hook(workflow, 'delete', hookMode, activation);
		} finally {
			keep(workflow);
			handle.active = false;
		}
	};

	/** One POST, as n8n's executeWebhook handles it. */
	const receive = async (request, response) => {
		const workflow = workflowWith(isTest ? {} : clone(handle.staticData));
		if (isTest) workflow.setTestStaticData(clone(handle.staticData));
		const data = { ...additionalData(), httpRequest: request, httpResponse: response };
		const context = new WebhookContext(workflow, workflow.getNode(node.name), data, isTest ? 'manual' : 'webhook', webhookData(data), [], null);
		const call = { status: undefined, started: false, error: undefined };
		handle.calls.push(call);
		let result;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			call.error = error;
			call.status = 500;
			return response.status(500).send({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
		} finally {
			if (!isTest && workflow.staticData.__dataChanged) handle.staticData = saved(workflow);
		}
		if (result.noWebhookResponse) {
			call.status = response.statusCode;
			return response.end();
		}
		if (result.workflowData === undefined) {
			call.status = 200;
			return response.status(200).send(result.webhookResponse ?? { message: 'Webhook call received' });
		}
		call.status = 200;
		call.started = true;
		response.status(200).send({ message: 'Workflow was started' });
		const run = runWorkflow(source, {
			credentialStore: store,
			startNode: node.name,
			input: result.workflowData[0],
			mode: isTest ? 'manual' : 'webhook',
			timeoutMs: options.timeoutMs,
		});
		handle.executions.push(run);
		// "Listen for test event" ends with the first event that starts the workflow.
		if (isTest) {
			const ending = deregister('internal', 'update');
			pending.push(ending);
			await ending;
		}
	};

	try {
		const exists = await hook(first, 'checkExists', mode, isTest ? 'manual' : 'activate');
		if (!exists) await hook(first, 'create', mode, isTest ? 'manual' : 'activate');
		keep(first);
		handle.active = true;
		server.register(description.httpMethod, pathname, receive);
	} catch (error) {
		keep(first);
		handle.error = error;
		// n8n 2.x runs delete on the workflow create ran on; n8n 1.x (clearWebhooks) on the static
		// data saved before this activation, without what create wrote.
		const before = options.n8nMajor === 1 && !isTest ? clone(options.staticData) : handle.staticData;
		await deregister('internal', 'update', before).catch(() => undefined);
	}

	/** Deactivates the workflow (or stops listening): runs delete; resolves to its answer. */
	handle.deactivate = async () => await deregister('internal', 'update');
	/** Resolves to every run started so far, once they are over. */
	handle.settled = async () => {
		await Promise.allSettled(pending);
		return await Promise.all(handle.executions);
	};
	return handle;
}

// ---------------------------------------------------------------- polling triggers

/**
 * One poll of the workflow's polling trigger in a PollContext: `mode` 'trigger' (an active
 * workflow's scheduled poll) or 'manual' ("Fetch Test Event"). `staticData` is the saved static
 * data the poll starts from. Resolves to {items, staticData, error}: the poll's result (null when
 * it returned nothing), the static data the active workflow holds after it (what n8n saves), and
 * what it threw.
 */
async function pollTrigger(workflowJsonOrPath, options = {}) {
	const source = typeof workflowJsonOrPath === 'string' ? loadWorkflowFixture(workflowJsonOrPath) : structuredClone(workflowJsonOrPath);
	const mode = options.mode ?? 'trigger';
	const { nodeTypes, store, credentialsHelper } = await setUp(source, options);
	const workflow = makeWorkflow(source, nodeTypes, clone(options.staticData), mode !== 'manual');
	const node = pickTriggerNode(workflow, options.node, (type) => Boolean(type.poll));
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const data = buildAdditionalData({ credentialsHelper, hooks: undefined, executionId: 'harness-poll' });
	const context = new PollContext(workflow, node, data, mode, mode === 'manual' ? 'manual' : 'activate');
	let items = null;
	let error;
	try {
		items = await nodeType.poll.call(context);
	} catch (thrown) {
		error = thrown;
	}
	// What the active workflow holds after the poll, and n8n saves.
	return { items, staticData: saved(workflow), error, credentialStore: store, node: node.name };
}

module.exports = { startWebhookServer, activateWebhookTrigger, pollTrigger };
