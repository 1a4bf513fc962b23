import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventsField, keywordFields } from './trigger/fields';
import { pollInbound } from './trigger/poll';

export class OpentactPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opentact Polling Trigger',
		name: 'opentactPollingTrigger',
		icon: { light: 'file:../../icons/opentact.svg', dark: 'file:../../icons/opentact.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + $parameter["events"].join(", ") }}',
		description: "Starts the workflow on new inbound SMS to the account's Opentact numbers, read on a schedule: for an n8n Opentact cannot reach",
		defaults: { name: 'Opentact Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'opentactApi', required: true }],
		properties: [
			{
				displayName:
					'Reads every inbound SMS of the account, oldest first. The first poll after activation only notes where the messages end; later polls emit what is new. Where Opentact can reach n8n, the Opentact Trigger delivers at once.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			eventsField,
			...keywordFields,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollInbound.call(this);
	}
}
