import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['messagingProfile'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a messaging profile, with the callback URLs its inbound SMS are sent to',
				action: 'Get a messaging profile',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the account's messaging profiles, with where each one's inbound SMS are sent",
				action: 'Get many messaging profiles',
			},
		],
		default: 'getMany',
	},
	...get.description,
	...getMany.description,
];
