import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventField } from './trigger/fields';
import * as inboundKeyword from './trigger/inboundKeyword';
import { router } from './trigger/router';
import * as stopLogChanged from './trigger/stopLogChanged';

/**
 * 2sms pushes replies and status updates only to a URL its staff set, with no API to set it, so
 * this trigger polls: the stop-log listing (Stop Log Changed) or the inbound report (Inbound Keyword).
 */
export class TwoSmsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: '2sms Trigger',
		name: 'twoSmsTrigger',
		icon: { light: 'file:../../icons/twoSms.svg', dark: 'file:../../icons/twoSms.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ { stopLogChanged: "Stop Log Changed", inboundKeyword: "Inbound Keyword" }[$parameter["event"]] }}',
		description: 'Starts the workflow when numbers join or leave the 2sms stop log, or when a reply with a keyword (STOP, START, HELP) arrives',
		defaults: { name: '2sms Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twoSmsApi', required: true }],
		properties: [eventField, ...stopLogChanged.description, ...inboundKeyword.description],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await router.call(this);
	}
}
