import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as messagingProfile from './messagingProfile/MessagingProfile.resource';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';

/** Sends the run to the chosen operation; each operation file holds its own fields and work. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	if (resource === 'phoneNumber') {
		switch (operation) {
			case 'disableSms':
				return await phoneNumber.disableSms.execute.call(this);
			case 'enableSms':
				return await phoneNumber.enableSms.execute.call(this);
			case 'get':
				return await phoneNumber.get.execute.call(this);
			case 'getMany':
				return await phoneNumber.getMany.execute.call(this);
		}
	}
	if (resource === 'messagingProfile') {
		switch (operation) {
			case 'get':
				return await messagingProfile.get.execute.call(this);
			case 'getMany':
				return await messagingProfile.getMany.execute.call(this);
		}
	}
	throw new NodeOperationError(this.getNode(), `The operation "${operation}" on "${resource}" is not supported`);
}
