import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField } from '../../../shared/options';
import { changeStopLog } from './change';
import { changeOptionFields, phoneNumberField, reasonField, sendConfirmationField, sendConfirmationNotice, shortCodeField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberField('The number that opted out: it is put on the 2sms stop log and receives no more messages'),
	reasonField('Customer replied STOP to the support line'),
	shortCodeField('The short code the number opted out of. Leave empty for the stop log of your account.'),
	sendConfirmationField('Whether 2sms texts the number that it has been opted out. Each confirmation is an SMS that costs credits, and it is only sent if your account has a confirmation agreement with 2sms.'),
	sendConfirmationNotice,
	optionsField(changeOptionFields),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stopLog'], operation: ['add'] } },
	properties,
);

/** Add to Stop Log: `POST api/v1/addressbook/stoplog`, same body and answer as Remove. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await changeStopLog(this, 'add');
}
