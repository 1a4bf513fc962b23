import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { messagingProfileField } from './actions/messagingProfile/fields';
import { searchMessagingProfiles } from './actions/messagingProfile/listSearch';
import { receiveCallback } from './trigger/callback';
import { eventsField, keywordFields } from './trigger/fields';
import { WEBHOOK_NAME, WEBHOOK_PATH, checkExists, create, deleteRegistration } from './trigger/registration';

export class OpentactTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opentact Trigger',
		name: 'opentactTrigger',
		icon: { light: 'file:../../icons/opentact.svg', dark: 'file:../../icons/opentact.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "On " + $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when an Opentact number receives an SMS: an opt-out, opt-in or help keyword, or any message',
		defaults: { name: 'Opentact Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'opentactApi', required: true }],
		webhooks: [{ name: WEBHOOK_NAME, httpMethod: 'POST', responseMode: 'onReceived', path: WEBHOOK_PATH }],
		properties: [
			{
				displayName:
					'Activating points the messaging profile\'s callback URL at n8n (a profile has one); deactivating puts the earlier one back. "Listen for test event" works only with a profile that has no callback URL. Without a public n8n URL, use the Opentact Polling Trigger.',
				name: 'oneUrlNotice',
				type: 'notice',
				default: '',
			},
			messagingProfileField('messagingProfile', 'The profile whose inbound SMS start this workflow: every number using it'),
			eventsField,
			...keywordFields,
		],
	};

	methods = { listSearch: { searchMessagingProfiles } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
