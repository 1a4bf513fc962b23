import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkStopLog } from './checkStopLog';
import { phoneNumberField, shortCodeField } from './fields';

export const description: INodeProperties[] = [
	phoneNumberField('check', 'The number to look up on the 2sms stop log'),
	shortCodeField('check', 'Only count a stop-log entry for this short code (or one without a short code). Leave empty to count any entry.'),
];

/** Check: `GET api/v2/addressbook/stoplog?MobilePhone=…`, answering `onStopLog: true/false` per item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await checkStopLog(this);
}
