import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runOperation } from '../../../shared/runOperation';
import { SMS_ALREADY_DISABLED } from '../../transport/answers';
import { optionsField, phoneNumberField, readRunOptions, simplifyField } from './fields';
import { type LeaseTarget, leaseTargetReader } from './leaseTarget';
import { performSmsChange } from './change';

const properties: INodeProperties[] = [
	phoneNumberField('stop texting from'),
	simplifyField,
	optionsField([
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

/** DELETE the number's SMS subscription (the seed request), after resolving the number to its lease. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	const readTarget = leaseTargetReader(this);
	return await runOperation<null>(this, {
		// Fields are read per item as its work starts (see readItem.ts), not in a pass up front.
		prepare: () => null,
		perform: async (items, report, shouldStop) =>
			await performSmsChange<{ target: LeaseTarget }>(
				this,
				run,
				{
					read: (itemIndex) => ({ target: readTarget(itemIndex) }),
					method: 'DELETE',
					done: { outcome: 'disabled', smsEnabled: false },
					already: {
						answer: SMS_ALREADY_DISABLED,
						outcome: 'alreadyDisabled',
						strict: run.options.failIfAlreadyDisabled === true,
							option: 'Fail If Already Disabled',
					},
				},
				items,
				report,
				shouldStop,
			),
	});
}
