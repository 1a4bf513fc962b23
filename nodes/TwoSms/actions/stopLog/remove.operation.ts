import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField } from '../../../shared/options';
import { changeStopLog } from './change';
import { changeOptionFields, phoneNumberField, reasonField, sendConfirmationField, sendConfirmationNotice, shortCodeField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberField('The number that opted back in: it is taken off the 2sms stop log and can receive messages again'),
	reasonField('Customer opted back in via the CRM preference centre'),
	shortCodeField('The short code the number opted back in to. Leave empty for the stop log of your account.'),
	sendConfirmationField('Whether 2sms texts the number that it has been opted back in. Each confirmation is an SMS that costs credits, and it is only sent if your account has a confirmation agreement with 2sms.'),
	sendConfirmationNotice,
	optionsField(changeOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stopLog'], operation: ['remove'] } },
	properties,
);

/** Remove from Stop Log: `DELETE api/v1/addressbook/stoplog` (2sms's API help, DELETE api/v1/addressbook/stoplog), batched. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await changeStopLog(this, 'remove');
}
