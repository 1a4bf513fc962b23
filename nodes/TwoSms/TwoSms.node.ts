import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as stopLog from './actions/stopLog/StopLog.resource';

export class TwoSms implements INodeType {
	description: INodeTypeDescription = {
		displayName: '2sms',
		name: 'twoSms',
		icon: { light: 'file:../../icons/twoSms.svg', dark: 'file:../../icons/twoSms.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ { remove: "Remove from Stop Log", add: "Add to Stop Log", check: "Check Stop Log", getMany: "Get Many on Stop Log" }[$parameter["operation"]] }}',
		description: 'Opt phone numbers back in to (or out of) SMS on the 2sms stop log, in batches',
		defaults: { name: '2sms' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twoSmsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Stop Log', value: 'stopLog' }],
				default: 'stopLog',
			},
			...stopLog.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
