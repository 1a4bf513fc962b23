import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dryRunOption } from '../../../shared/dryRun';
import { optionsField } from '../../../shared/options';
import { changeSms } from './change';
import { messagingProfileIdField, phoneNumberField, simplifyField, smsCampaignIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberField('enable texting on'),
	messagingProfileIdField,
	smsCampaignIdField,
	simplifyField,
	optionsField([
		dryRunOption,
		{
			displayName: 'Fail If Already Enabled',
			name: 'failIfAlreadyEnabled',
			type: 'boolean',
			default: false,
			description:
				'Whether a number whose SMS was already on before this run is an error. Off (the default) reports it with outcome "alreadyEnabled" and leaves its profile and campaign as they are. A change this run made is never reported as already done.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['enableSms'] } },
	properties,
);

/** Enable SMS: `POST /lease/tn/number/subscription/sms` for the number's lease, with a messaging profile and a 10DLC campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await changeSms(this, 'enable');
}
