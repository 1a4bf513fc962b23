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
