import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as stopLog from './stopLog/StopLog.resource';

/** Sends the run to the chosen operation; each operation file holds its own fields and work. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'stopLog') {
		switch (operation) {
			case 'remove':
				return await stopLog.remove.execute.call(this);
			case 'add':
				return await stopLog.add.execute.call(this);
			case 'check':
				return await stopLog.check.execute.call(this);
			case 'getMany':
				return await stopLog.getMany.execute.call(this);
		}
	}
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
}
