import type { INodeProperties } from 'n8n-workflow';

import { MAX_REASON_LENGTH } from './readStopLogEntry';

/** Fields each stop-log operation shows; every factory takes the operation it is shown for. */
const shownFor = (operation: string) => ({ show: { resource: ['stopLog'], operation: [operation] } });

export function phoneNumberField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+44 7700 900123',
		description,
		hint: 'Any common format: +44 7700 900123, 07700 900123, 447700900123. National numbers are read in the Default Country (see Options).',
		displayOptions: shownFor(operation),
	};
}

export function reasonField(operation: string, placeholder: string): INodeProperties {
	return {
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description: `Why the number's stop-log entry changes. 2sms requires it and keeps it with the entry (at most ${MAX_REASON_LENGTH} characters).`,
		displayOptions: shownFor(operation),
	};
}

export function shortCodeField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Short Code',
		name: 'shortCode',
		type: 'string',
		default: '',
		placeholder: '60777',
		description,
		displayOptions: shownFor(operation),
	};
}

/** `description` must say that a confirmation costs credits and needs an agreement with 2sms. */
export function sendConfirmationField(operation: string, description: string): INodeProperties {
	return {
		displayName: 'Send Confirmation',
		name: 'sendConfirmation',
		type: 'boolean',
		default: false,
		description,
		displayOptions: shownFor(operation),
	};
}
