'use strict';
// Issue 14: every 2sms output item says which run made it (workflowId, executionId, nodeName), so
// a stop-log record copied into a CRM can be traced back to its execution in n8n. The ids are
// checked against what n8n-core itself gives a later node's expressions ($workflow.id, $execution.id).
const { runWorkflow } = require('../../harness');
const { NODE, useSimulator, credentialsFor, stopLogWorkflow } = require('./twoSmsTestKit');

const env = useSimulator();

/** A saved workflow's id, as n8n gives one (16 letters and digits). */
const WORKFLOW_ID = 'Hq8Zt2NcV5wK1pYe';
const WITNESS = 'What n8n says';

/**
 * The fixture with the workflow's id set, the 2sms node renamed if asked, and a Set node after it
 * that writes down, on each item, what n8n-core gives expressions as the workflow's and the
 * execution's id.
 */
function traced(operation, { id = WORKFLOW_ID, nodeName = NODE, ...settings } = {}) {
	const workflow = stopLogWorkflow(operation, settings);
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
		id: '2a5b0c1d-0000-4000-8000-0000000000f1',
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

async function runTraced(operation, input, settings = {}) {
	return await runWorkflow(traced(operation, settings), { credentials: credentialsFor(env.sim), input });
}

const jsonOf = (items) => items.map((item) => item.json);
const reason = 'Opted back in via preference centre';

describe('every operation\'s output carries the run that made it', () => {
	test.each([
		['Remove from Stop Log', 'remove', [{ phone: '07700 900101', reason }, { phone: '07700 900150', reason }], {}],
		['Remove from Stop Log (Dry Run)', 'remove', [{ phone: '07700 900150', reason }], { options: { dryRun: true } }],
		['Add to Stop Log', 'add', [{ phone: '07700 900150', reason: 'STOP' }, { phone: '07700 900101', reason: 'STOP' }], {}],
		['Add to Stop Log (Dry Run)', 'add', [{ phone: '07700 900150', reason: 'STOP' }], { options: { dryRun: true } }],
		['Check', 'check', [{ phone: '07700 900101' }, { phone: '07700 900150' }], {}],
	])('%s: workflowId, executionId and nodeName on every item, as n8n-core gives them', async (_, operation, input, settings) => {
		const result = await runTraced(operation, input, settings);
		expect(result.status).toBe('success');
		const out = jsonOf(result.items(NODE));
		expect(out).toHaveLength(input.length);
		for (const item of out) {
			expect(item).toMatchObject({ workflowId: WORKFLOW_ID, executionId: expect.any(String), nodeName: NODE });
			expect(item.executionId).not.toBe('');
		}
		const seen = jsonOf(result.items(WITNESS));
		expect(seen.map((item) => [item.workflowId, item.executionId])).toEqual(seen.map((item) => [item.seenWorkflowId, item.seenExecutionId]));
		expect(Object.keys(out[0]).slice(-3)).toEqual(['workflowId', 'executionId', 'nodeName']);
	});

	test('two runs carry two execution ids; a renamed node carries its new name', async () => {
		const first = await runTraced('check', [{ phone: '07700 900101' }]);
		const second = await runTraced('check', [{ phone: '07700 900101' }], { nodeName: 'Opt-outs for CRM' });
		const [a] = jsonOf(first.items(NODE));
		const [b] = jsonOf(second.items('Opt-outs for CRM'));
		expect(a.executionId).not.toBe(b.executionId);
		expect(b.executionId).toBe(jsonOf(second.items(WITNESS))[0].seenExecutionId);
		expect([a.nodeName, b.nodeName]).toEqual([NODE, 'Opt-outs for CRM']);
	});

	test('a workflow without an id gives workflowId null', async () => {
		const result = await runTraced('check', [{ phone: '07700 900101' }], { id: '' });
		expect(jsonOf(result.items(NODE))[0]).toMatchObject({ workflowId: null, executionId: expect.any(String), nodeName: NODE });
	});
});

test('error items stay exactly {error, message}; the run\'s other items carry the ids', async () => {
	const result = await runTraced('remove', [{ phone: '07700 900101', reason: '' }, { phone: '07700 900102', reason }], {
		onError: 'continueRegularOutput',
	});
	const [bad, good] = jsonOf(result.items(NODE));
	expect(Object.keys(bad)).toEqual(['error', 'message']);
	expect(bad.error).toMatch(/^Item 0: Reason is empty/);
	expect(good).toMatchObject({ outcome: 'removed', workflowId: WORKFLOW_ID, nodeName: NODE });
});
