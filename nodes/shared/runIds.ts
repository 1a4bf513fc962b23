import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The words n8n-core puts where it has no workflow or execution id (an unsaved workflow, a node
 * run outside an execution): not an id anyone can look up, so an item says null instead.
 */
const N8N_NO_ID = new Set(['__EMPTY__', '__UNKNOWN__']);

const idOrNull = (value: unknown): string | null => {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	return typeof text === 'string' && text.trim() !== '' && !N8N_NO_ID.has(text) ? text : null;
};

/**
 * Which run made an item, so that a record copied into a CRM or a data table can be traced to
 * the execution in n8n that produced it: the workflow's id, the execution's id and this node's
 * name, as n8n-core supplies them (`$workflow.id`, `$execution.id`). Read once per run.
 */
export function runIds(ctx: IExecuteFunctions): IDataObject {
	return {
		workflowId: idOrNull(ctx.getWorkflow().id),
		executionId: idOrNull(ctx.getExecutionId()),
		nodeName: ctx.getNode().name,
	};
}

/**
 * `json` with the run's `ids` after its own fields: what `{ ...json, ...ids }` gives, made field
 * by field, because Node 20 (n8n 1.x) spreads our records about ten times slower (40-150 ms per
 * 10,000 items; Node 24 does not). A field named `__proto__` (JSON.parse makes one from a
 * provider's answer) is defined as a field, as the spread does, never assigned: assigning it
 * would change the object's prototype instead.
 */
export function withRunIds(json: IDataObject, ids: IDataObject): IDataObject {
	const out: IDataObject = {};
	copyFields(out, json);
	copyFields(out, ids);
	return out;
}

function copyFields(out: IDataObject, source: IDataObject): void {
	for (const key of Object.keys(source)) {
		if (key === '__proto__') {
			Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true, configurable: true });
		} else out[key] = source[key];
	}
}
