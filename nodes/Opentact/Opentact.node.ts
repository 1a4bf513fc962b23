import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchMessagingProfiles } from './actions/messagingProfile/listSearch';
import * as messagingProfile from './actions/messagingProfile/MessagingProfile.resource';
import * as phoneNumber from './actions/phoneNumber/PhoneNumber.resource';
import { router } from './actions/router';

export class Opentact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Opentact',
		name: 'opentact',
		icon: { light: 'file:../../icons/opentact.svg', dark: 'file:../../icons/opentact.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "messagingProfile" ? { get: "Get Messaging Profile", getMany: "Get Many Messaging Profiles" }[$parameter["operation"]] : { disableSms: "Disable SMS", enableSms: "Enable SMS", get: "Get Phone Number", getMany: "Get Many Phone Numbers" }[$parameter["operation"]] }}',
		description: 'Disable or enable SMS on Opentact phone numbers, look up leased numbers and messaging profiles',
		defaults: { name: 'Opentact' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'opentactApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Messaging Profile', value: 'messagingProfile' },
					{ name: 'Phone Number', value: 'phoneNumber' },
				],
				default: 'phoneNumber',
			},
			...phoneNumber.description,
			...messagingProfile.description,
		],
	};

	methods = { listSearch: { searchMessagingProfiles } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
