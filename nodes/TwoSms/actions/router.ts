import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as stopLog from './stopLog/StopLog.resource';

const operations = {
	stopLog: { remove: stopLog.remove, add: stopLog.add, check: stopLog.check },
} as const;

/** Picks the operation the node is configured for; each operation handles all items at once. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const forResource = (operations as Record<string, Record<string, { execute: typeof stopLog.remove.execute }>>)[resource];
	const chosen = forResource?.[operation];
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return await chosen.execute.call(this);
}
