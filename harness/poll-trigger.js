'use strict';
// A polling trigger the way n8n runs it in an active workflow (n8n 2.41, its default path without
// durable poll cursors): one PollContext made at activation and used for every poll, each poll run
// by n8n-core's own PollTriggerExecutor, the node's static data kept in memory between polls and
// saved (as n8n's CLI saves it to the database) only after activation and after a poll that
// emitted. See README.md here.
require('./env');
const path = require('node:path');
const { ExecutionLifecycleHooks, PollContext, PollTriggerExecutor } = require('n8n-core');
const { Workflow, UserError } = require('n8n-workflow');
const { prepareTypes } = require('./node-types');
const { createCredentialStore, HarnessCredentialsHelper } = require('./credentials');
const { buildAdditionalData } = require('./additional-data');
const { loadWorkflowFixture } = require('./run-workflow');

// n8n-core resolves its services from its own copy of @n8n/di; the executor must come from it.
const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] }));

let pollerCounter = 0;

/** Static data as n8n stores it: JSON (the ObservableObject's change mark is not enumerable). */
const asStored = (staticData) => JSON.parse(JSON.stringify(staticData ?? {}));

function pickPollNode(workflow, name) {
	const polls = workflow.getPollNodes();
	const node = name === undefined ? polls[0] : polls.find((candidate) => candidate.name === name);
	if (!node) {
		throw new UserError(name === undefined ? 'The workflow has no polling trigger' : `"${name}" is not a polling trigger of the workflow`);
	}
	return node;
}

/**
 * Activates the workflow's polling trigger: runs the first poll as n8n does on activation (an
 * error fails the activation) and returns a handle for the polls that follow.
 *
 * Options: `credentials` (data per credential type) or `credentialStore`, `triggerNode` (name;
 * default the first polling trigger), `staticData` (what n8n's database holds for the workflow;
 * default the workflow JSON's), `timeoutMs` (per poll, default 20 000).
 */
async function activatePollTrigger(workflowJsonOrPath, options = {}) {
	const source =
		typeof workflowJsonOrPath === 'string'
			? loadWorkflowFixture(workflowJsonOrPath)
			: structuredClone(workflowJsonOrPath);
	const { nodeTypes, credentialTypes } = await prepareTypes(source.nodes.map((n) => n.type));
	const store = options.credentialStore ?? createCredentialStore();
	for (const [type, data] of Object.entries(options.credentials ?? {})) store.set(type, data);
	const executor = Container.get(PollTriggerExecutor);
	let saved = asStored(options.staticData ?? source.staticData);
	const timeoutMs = options.timeoutMs ?? 20_000;

	/** One activation ('activate' first, 'init' after a restart), as n8n makes it. */
	async function activate(activation) {
		const workflow = new Workflow({
			id: source.id ?? 'harness-workflow',
			name: source.name ?? 'Harness workflow',
			nodes: source.nodes,
			connections: source.connections ?? {},
			active: true,
			nodeTypes,
			staticData: structuredClone(saved),
			settings: { executionOrder: 'v1', ...source.settings },
		});
		const node = pickPollNode(workflow, options.triggerNode);
		const executionId = `harness-poller-${++pollerCounter}`;
		const hooks = new ExecutionLifecycleHooks('trigger', executionId, {
			id: workflow.id,
			name: workflow.name,
			nodes: source.nodes,
			connections: workflow.connectionsBySourceNode,
			active: true,
			settings: workflow.settings,
		});
		const credentialsHelper = new HarnessCredentialsHelper({ store, credentialTypes, nodeTypes });
		const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId, timeoutMs });

		// What n8n's CLI does with a poll's outcome (TriggerExecutionContextFactory): save the static
		// data when it changed and start an execution with the items, or record a failed execution.
		const save = () => {
			if (workflow.staticData.__dataChanged === true) {
				saved = asStored(workflow.staticData);
				workflow.staticData.__dataChanged = false;
			}
		};
		let emitted;
		let reported;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			(data) => {
				emitted = data;
				save();
			},
			(error) => {
				reported = error;
			},
		);
		const run = executor.create(workflow, node, context, () => true);

		/** One poll: `testing` as on activation (an error is thrown), else as the schedule runs it. */
		const pollOnce = async (testing) => {
			emitted = undefined;
			reported = undefined;
			let timer;
			const timeout = new Promise((_, reject) => {
				timer = setTimeout(() => reject(new Error(`the poll did not end within ${timeoutMs} ms`)), timeoutMs);
			});
			try {
				await Promise.race([run(testing), timeout]);
			} catch (error) {
				return { status: 'error', error, items: [] };
			} finally {
				clearTimeout(timer);
			}
			if (reported) return { status: 'error', error: reported, items: [] };
			return emitted ? { status: 'emitted', items: emitted[0] ?? [] } : { status: 'nothing', items: [] };
		};

		const first = await pollOnce(true);
		// n8n saves the static data once the workflow is active; a failed activation saves nothing.
		if (first.status !== 'error') save();
		return {
			/** The activation's poll: `error` means n8n refused to activate the workflow. */
			activation: first,
			/** One scheduled poll: {status: 'emitted' | 'nothing' | 'error', items, error}. */
			poll: async () => await pollOnce(false),
			/** The node's static data in memory now (plain JSON). */
			staticData: () => asStored(workflow.getStaticData('node', node)),
			/** What n8n's database holds for the workflow's static data. */
			saved: () => structuredClone(saved),
			/** n8n restarts: the workflow is activated again from what the database holds. */
			restart: async () => await activate('init'),
			credentialStore: store,
		};
	}

	return await activate('activate');
}

module.exports = { activatePollTrigger };
