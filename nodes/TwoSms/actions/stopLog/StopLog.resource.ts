import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as check from './check.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, check, getMany, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['stopLog'] } },
		options: [
			{
				name: 'Add to Stop Log',
				value: 'add',
				description: 'Put a phone number on the stop log so it receives no more messages (opt out)',
				action: 'Add a phone number to the 2sms stop log to opt it out',
			},
			{
				name: 'Check',
				value: 'check',
				action: 'Check whether a phone number is on the 2sms stop log',
				description: 'Whether 2sms lists the number on its stop log (its search lists address-book contacts only, so a number it does not list is not known to be off)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the numbers on the stop log (address-book contacts with a stop-log request, or an invalid number)',
				action: 'Get many entries of the 2sms stop log',
			},
			{
				name: 'Remove From Stop Log',
				value: 'remove',
				description: 'Take a phone number off the stop log so it can receive messages again (opt back in)',
				action: 'Remove a phone number from the 2sms stop log to opt it back in',
			},
		],
		default: 'remove',
	},
	...remove.description,
	...add.description,
	...check.description,
	...getMany.description,
];
