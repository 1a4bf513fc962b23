import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { changeStopLog } from './change';
import { phoneNumberField, reasonField, sendConfirmationField, shortCodeField } from './fields';

export const description: INodeProperties[] = [
	phoneNumberField('remove', 'The number that opted back in: it is taken off the 2sms stop log and can receive messages again'),
	reasonField('remove', 'Customer opted back in via the CRM preference centre'),
	shortCodeField('remove', 'The short code the number opted back in to. Leave empty for the stop log of your account.'),
	sendConfirmationField('remove', 'Whether 2sms texts the number that it has been opted back in. Each confirmation is an SMS that costs credits, and it is only sent if your account has a confirmation agreement with 2sms.'),
];

/** Remove from Stop Log: `DELETE api/v1/addressbook/stoplog` (the seed), batched. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await changeStopLog(this, 'remove');
}
