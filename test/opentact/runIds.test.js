'use strict';
// Issue 14: every Opentact output item says which run made it (workflowId, executionId, nodeName),
// so a record copied into a CRM can be traced back to its execution in n8n. The ids are checked
// against what n8n-core itself gives a later node's expressions ($workflow.id, $execution.id).
const { runWorkflow } = require('../../harness');
const { LEASES, PROFILE_UUID, CAMPAIGN_UUID, NODE, apiKeyCredentials, opentactWorkflow, jsonOf, startSimulator } = require('./helpers');

let sim;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => await sim.close());
beforeEach(() => sim.reset());

/** A saved workflow's id, as n8n gives one (16 letters and digits). */
const WORKFLOW_ID = 'Xb3kQ9mWf2LpR7tZ';
const WITNESS = 'What n8n says';

/**
 * The fixture with the workflow's id set, the Opentact node renamed if asked, and a Set node after
 * it that writes down, on each item, what n8n-core gives expressions as the workflow's and the
 * execution's id.
 */
function traced(name, { id = WORKFLOW_ID, nodeName = NODE, ...overrides } = {}) {
	const workflow = opentactWorkflow(name, overrides);
	workflow.id = id;
	workflow.nodes.find((node) => node.name === NODE).name = nodeName;
	const trigger = workflow.nodes[0].name;
	workflow.nodes.push({
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{ id: 'a1', name: 'seenWorkflowId', value: '={{ $workflow.id }}', type: 'string' },
					{ id: 'a2', name: 'seenExecutionId', value: '={{ $execution.id }}', type: 'string' },
				],
			},
			includeOtherFields: true,
			options: {},
		},
		id: '7c1d0e2f-0000-4000-8000-0000000000f1',
		name: WITNESS,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [480, 0],
	});
	workflow.connections = {
		[trigger]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		[nodeName]: { main: [[{ node: WITNESS, type: 'main', index: 0 }]] },
	};
	return workflow;
}

async function runTraced(name, input, options = {}) {
	return await runWorkflow(traced(name, options), {
		credentials: { opentactApi: apiKeyCredentials(sim) },
		input: input.map((json) => ({ json })),
	});
}

const enableInput = (phone) => ({ phone, profile: PROFILE_UUID, campaign: CAMPAIGN_UUID });

describe('every operation\'s output carries the run that made it', () => {
	test.each([
		['Disable SMS', 'disable-sms', [{ phone: LEASES.a1234.tn }, { phone: LEASES.b0101.tn }], {}],
		['Disable SMS (Dry Run)', 'disable-sms', [{ phone: LEASES.a1234.tn }, { phone: LEASES.b0101.tn }], { options: { dryRun: true } }],
		['Enable SMS', 'enable-sms', [enableInput(LEASES.b0101.tn), enableInput(LEASES.a1234.tn)], {}],
		['Enable SMS (Dry Run)', 'enable-sms', [enableInput(LEASES.b0101.tn)], { options: { dryRun: true } }],
		['Get', 'get', [{ phone: LEASES.a1234.tn }, { phone: LEASES.d0170.uuid }], {}],
		['Get Many', 'get-many', [{ filter: '1201*' }], {}],
	])('%s: workflowId, executionId and nodeName on every item, as n8n-core gives them', async (_, fixture, input, options) => {
		const result = await runTraced(fixture, input, options);
		expect(result.status).toBe('success');
		const out = jsonOf(result.items(NODE));
		expect(out.length).toBeGreaterThanOrEqual(input.length);
		for (const item of out) {
			expect(item).toMatchObject({ workflowId: WORKFLOW_ID, executionId: expect.any(String), nodeName: NODE });
			expect(item.executionId).not.toBe('');
		}
		const seen = jsonOf(result.items(WITNESS));
		expect(seen.map((item) => [item.workflowId, item.executionId])).toEqual(seen.map((item) => [item.seenWorkflowId, item.seenExecutionId]));
		// Still an audit record first: the ids come after what the item says.
		expect(Object.keys(out[0]).slice(-3)).toEqual(['workflowId', 'executionId', 'nodeName']);
	});

	test('two runs of one workflow carry two execution ids; a renamed node carries its new name', async () => {
		const first = await runTraced('get', [{ phone: LEASES.a1234.tn }]);
		const second = await runTraced('get', [{ phone: LEASES.a1234.tn }], { nodeName: 'Look up for CRM' });
		const [a] = jsonOf(first.items(NODE));
		const [b] = jsonOf(second.items('Look up for CRM'));
		expect(a.executionId).not.toBe(b.executionId);
		expect(b.executionId).toBe(jsonOf(second.items(WITNESS))[0].seenExecutionId);
		expect([a.nodeName, b.nodeName]).toEqual([NODE, 'Look up for CRM']);
	});

	test.each([[''], ['__EMPTY__']])('a workflow without an id (%j) gives workflowId null, not a text that names no workflow', async (id) => {
		const result = await runTraced('get', [{ phone: LEASES.a1234.tn }], { id });
		expect(jsonOf(result.items(NODE))[0]).toMatchObject({ workflowId: null, executionId: expect.any(String), nodeName: NODE });
	});
});

describe('error items stay exactly {error, message}', () => {
	test('on the regular output (Continue On Fail), the failing item has no run ids and the others have them', async () => {
		const result = await runTraced('disable-sms', [{ phone: '201-777-12' }, { phone: LEASES.a1234.tn }], {
			node: { onError: 'continueRegularOutput' },
		});
		const [bad, good] = jsonOf(result.items(NODE));
		expect(Object.keys(bad)).toEqual(['error', 'message']);
		expect(good).toMatchObject({ outcome: 'disabled', workflowId: WORKFLOW_ID, nodeName: NODE });
	});

	test('on the error output, n8n routes the failing item there and the success output keeps the ids', async () => {
		const result = await runTraced('get', [{ phone: LEASES.a1234.tn }, { phone: '+1 201 555 0199' }], {
			node: { onError: 'continueErrorOutput' },
		});
		const [success, failure] = result.outputs(NODE);
		expect(success.map((item) => [item.json.outcome, item.json.workflowId, item.json.nodeName])).toEqual([['found', WORKFLOW_ID, NODE]]);
		expect(failure).toHaveLength(1);
		expect(failure[0].json.error).toBe('Item 1: +1 201 555 0199 is not a number leased by this Opentact account (Opentact answered 404: TNLease not found)');
		for (const key of ['workflowId', 'executionId', 'nodeName']) expect(failure[0].json).not.toHaveProperty(key);
	});
});
