'use strict';
// A bench workflow as real n8n runs it with `n8n execute`: the harness feeds the bench's items to
// the Start node, n8n has no such input, so the items are made the way a user would make them in
// the editor (Edit Fields building the list, Split Out making one item per entry), and every node
// that needs a credential names the one imported for the run.
const { twoSmsPhone, opentactPhone, REASON } = require('../lib/fixture');

const GENERATOR_IDS = ['b0000000-0000-4000-8000-0000000000a1', 'b0000000-0000-4000-8000-0000000000a2'];

/**
 * The n8n expression that makes the bench's `count` items (the same phones and reason as
 * scripts/lib/fixture.js's opentactItems / twoSmsItems), checked against them below.
 */
function itemsExpression(job, count) {
	if (job === 'opentact') {
		// opentactPhone(i): +1 201-555-0000 upwards; four digits cover the bench's 10,000.
		if (count > 10_000) throw new Error('the Opentact expression covers at most 10,000 numbers');
		return `Array.from({ length: ${count} }, (_, i) => ({ phone: '+1 201-555-' + String(i).padStart(4, '0') }))`;
	}
	if (count > 1_000_000) throw new Error('the 2sms expression covers at most 1,000,000 contacts');
	return (
		`Array.from({ length: ${count} }, (_, i) => ({ phone: '+44 7500 ' + String(i).padStart(6, '0'), ` +
		`reason: ${JSON.stringify(REASON)} }))`
	);
}

/** The expression's first and last item, as fixture.js writes them (a mismatch would be a lost item). */
function checkExpression(job, count) {
	const items = new Function(`return ${itemsExpression(job, count)}`)();
	const expected = job === 'opentact' ? [opentactPhone(0), opentactPhone(count - 1)] : [twoSmsPhone(0), twoSmsPhone(count - 1)];
	const got = [items[0].phone, items[count - 1].phone];
	if (got.join() !== expected.join()) throw new Error(`item expression makes ${got.join(', ')}, not ${expected.join(', ')}`);
}

/**
 * `workflow` (implementations.js loadWorkflow: a Start node followed by the job's nodes) with the
 * generator between Start and the first job node, `credential` ({ id, name, type }) on every node
 * of that type's users, and `id` / `name` for `n8n import:workflow`.
 */
function forRealN8n(workflow, { job, count, credential, id, name }) {
	checkExpression(job, count);
	const start = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const [first] = workflow.connections[start.name].main[0];
	const nodes = workflow.nodes.map((node) => {
		const uses =
			node.type.startsWith('n8n-nodes-opentact-2sms.') ||
			(node.type === 'n8n-nodes-base.httpRequest' && node.parameters.genericAuthType === credential.type);
		return uses ? { ...node, credentials: { [credential.type]: { id: credential.id, name: credential.name } } } : node;
	});
	nodes.push(
		{
			parameters: { mode: 'raw', jsonOutput: `={{ JSON.stringify({ items: ${itemsExpression(job, count)} }) }}`, options: {} },
			id: GENERATOR_IDS[0],
			name: 'Make items',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [100, 200],
		},
		{
			parameters: { fieldToSplitOut: 'items', options: {} },
			id: GENERATOR_IDS[1],
			name: 'One item each',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [300, 200],
		},
	);
	const connections = {
		...workflow.connections,
		[start.name]: { main: [[{ node: 'Make items', type: 'main', index: 0 }]] },
		'Make items': { main: [[{ node: 'One item each', type: 'main', index: 0 }]] },
		'One item each': { main: [[first]] },
	};
	return { ...workflow, id, name, nodes, connections, settings: { executionOrder: 'v1' } };
}

module.exports = { forRealN8n, itemsExpression };
