import type { INodeProperties } from 'n8n-workflow';

import * as disableSms from './disableSms.operation';
import * as enableSms from './enableSms.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { disableSms, enableSms, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Disable SMS',
				value: 'disableSms',
				description: 'Stop a number from sending and receiving text messages',
				action: 'Disable SMS on a phone number',
			},
			{
				name: 'Enable SMS',
				value: 'enableSms',
				description: 'Let a number text again, with a messaging profile and a 10DLC campaign',
				action: 'Enable SMS on a phone number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a leased number with its SMS state',
				action: 'Get a phone number',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the numbers the account leases, with their SMS state',
				action: 'Get many phone numbers',
			},
		],
		default: 'disableSms',
	},
	...disableSms.description,
	...enableSms.description,
	...get.description,
	...getMany.description,
];
