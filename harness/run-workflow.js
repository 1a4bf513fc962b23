'use strict';
// Runs a workflow JSON through n8n-core's real WorkflowExecute, like a manual run in the
// editor: trigger/start node output can be fed with `input` (pinned data), node types come
// from the built packages, credentials from an in-memory store.
const { REPO_ROOT } = require('./env');
const fs = require('node:fs');
const path = require('node:path');
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { Workflow, UserError } = require('n8n-workflow');
const { prepareTypes } = require('./node-types');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials');
const { buildAdditionalData } = require('./additional-data');

let executionCounter = 0;

/** Reads a workflow JSON (absolute path, or relative to the repository root). */
function loadWorkflowFixture(file) {
	const full = path.isAbsolute(file) ? file : path.join(REPO_ROOT, file);
	return JSON.parse(fs.readFileSync(full, 'utf8'));
}

const toItems = (items) =>
	structuredClone(items).map((item) =>
		item && typeof item.json === 'object' ? item : { json: item },
	);

function isTriggerLike(nodeType) {
	const { inputs } = nodeType.description;
	return (
		Boolean(nodeType.trigger || nodeType.poll || nodeType.webhook) ||
		(Array.isArray(inputs) && inputs.length === 0)
	);
}

function pickStartNode(workflow, name) {
	if (name !== undefined) {
		const node = workflow.getNode(name);
		if (!node) throw new UserError(`Start node "${name}" is not in the workflow`);
		return node;
	}
	const roots = Object.values(workflow.nodes).filter(
		(node) => !node.disabled && workflow.getParentNodes(node.name).length === 0,
	);
	const triggerRoots = roots.filter((node) =>
		isTriggerLike(workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion)),
	);
	const start = workflow.getStartNode() ?? triggerRoots[0] ?? roots[0];
	if (!start) throw new UserError('No node to start the workflow from');
	return start;
}

function wrapResult(run, extra) {
	const { runData } = run.data.resultData;
	const lastRun = (nodeName) => {
		const runs = runData[nodeName];
		if (!runs?.length) {
			throw new Error(
				`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ') || 'none'}; ` +
					`status ${run.status}${run.data.resultData.error ? `, error ${run.data.resultData.error.name}: ${run.data.resultData.error.message}` : ''})`,
			);
		}
		return runs[runs.length - 1];
	};
	return {
		status: run.status,
		error: run.data.resultData.error,
		runData,
		run,
		...extra,
		ran: (nodeName) => Boolean(runData[nodeName]?.length),
		items: (nodeName, outputIndex = 0) => lastRun(nodeName).data?.main?.[outputIndex] ?? [],
		outputs: (nodeName) => lastRun(nodeName).data?.main ?? [],
		nodeError: (nodeName) => lastRun(nodeName).error,
	};
}

async function runWorkflow(workflowJsonOrPath, options = {}) {
	const source =
		typeof workflowJsonOrPath === 'string'
			? loadWorkflowFixture(workflowJsonOrPath)
			: structuredClone(workflowJsonOrPath);
	const { nodeTypes, credentialTypes } = await prepareTypes(source.nodes.map((n) => n.type));
	const store = options.credentialStore ?? createCredentialStore();
	for (const [type, data] of Object.entries(options.credentials ?? {})) store.set(type, data);

	const executionId = `harness-${++executionCounter}`;
	const mode = options.mode ?? 'manual';
	const workflow = new Workflow({
		id: source.id ?? 'harness-workflow',
		name: source.name ?? 'Harness workflow',
		nodes: source.nodes,
		connections: source.connections ?? {},
		active: false,
		nodeTypes,
		staticData: source.staticData,
		// The editor saves new workflows with execution order v1; honour an explicit choice.
		settings: { executionOrder: 'v1', ...source.settings },
	});

	const startNode = pickStartNode(workflow, options.startNode);
	const pinData = {};
	for (const [name, items] of Object.entries({ ...source.pinData, ...options.pinData })) {
		pinData[name] = toItems(items);
	}
	let triggerToStartFrom;
	if (options.input !== undefined) {
		const startType = nodeTypes.getByNameAndVersion(startNode.type, startNode.typeVersion);
		if (isTriggerLike(startType)) pinData[startNode.name] = toItems(options.input);
		else
			triggerToStartFrom = {
				name: startNode.name,
				data: { data: { main: [toItems(options.input)] } },
			};
	}

	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflow.id,
		name: workflow.name,
		nodes: source.nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		settings: workflow.settings,
	});
	let finish;
	const finished = new Promise((resolve) => (finish = resolve));
	const responses = [];
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finish(fullRunData));
	hooks.addHandler('sendResponse', (response) => void responses.push(response));

	const timeoutMs = options.timeoutMs ?? 20_000;
	const credentialsHelper = new HarnessCredentialsHelper({ store, credentialTypes, nodeTypes });
	const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId, timeoutMs });
	const execution = new WorkflowExecute(additionalData, mode).run({
		workflow,
		startNode,
		pinData,
		triggerToStartFrom,
	});
	// A hung request is aborted through the execution's cancel signal.
	const timer = setTimeout(() => execution.cancel(), timeoutMs);
	try {
		const run = await Promise.race([execution, finished]);
		return wrapResult(run, {
			credentialStore: store,
			responses,
			timedOut: run.status === 'canceled',
		});
	} finally {
		clearTimeout(timer);
	}
}

module.exports = { runWorkflow, loadWorkflowFixture };
