import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { dryRunOption } from '../../../shared/dryRun';
import { optionsField } from '../../../shared/options';
import { changeSms } from './change';
import { phoneNumberField, simplifyField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberField('stop texting from'),
	simplifyField,
	optionsField([
		dryRunOption,
		{
			displayName: 'Fail If Already Disabled',
			name: 'failIfAlreadyDisabled',
			type: 'boolean',
			default: false,
			description:
				'Whether a number whose SMS was already off before this run is an error. Off (the default) reports it with outcome "alreadyDisabled", so re-running a workflow changes nothing and fails nothing. A change this run made is never reported as already done.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['disableSms'] } },
	properties,
);

/** Disable SMS: `DELETE /lease/tn/number/subscription/sms` (Opentact's documentation, Disable SMS on Number), after resolving the number to its lease. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await changeSms(this, 'disable');
}
