import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runOperation } from '../../../shared/runOperation';
import { ENABLE_SMS_BODY_KEYS, SMS_ALREADY_ENABLED } from '../../transport/answers';
import { optionsField, phoneNumberField, readRunOptions, simplifyField } from './fields';
import { type LeaseTarget, leaseTargetReader, uuidFieldReader } from './leaseTarget';
import { performSmsChange } from './change';

const properties: INodeProperties[] = [
	phoneNumberField('enable texting on'),
	{
		displayName: 'Messaging Profile ID',
		name: 'messagingProfileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'd8ddc2c8-3e41-471f-83e7-3b2a771241f7',
		description: 'UUID of the messaging profile the number sends with (Opentact portal, Messaging → Profiles)',
	},
	{
		displayName: 'SMS Campaign ID',
		name: 'smsCampaignId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'be79e81d-aba9-4291-b1ba-595b8077c63a',
		description: 'UUID of the registered 10DLC campaign the number is attached to',
	},
	simplifyField,
	optionsField([
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

interface EnableInput {
	target: LeaseTarget;
	messagingProfileId: string;
	smsCampaignId: string;
}

/** POST an SMS subscription for the number's lease with a messaging profile and a 10DLC campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	const readTarget = leaseTargetReader(this);
	const readProfile = uuidFieldReader(this, 'messagingProfileId', 'Messaging Profile ID');
	const readCampaign = uuidFieldReader(this, 'smsCampaignId', 'SMS Campaign ID');
	return await runOperation<null>(this, {
		// Fields are read per item as its work starts (see readItem.ts), not in a pass up front.
		prepare: () => null,
		perform: async (items, report, shouldStop) =>
			await performSmsChange<EnableInput>(
				this,
				run,
				{
					read: (itemIndex) => ({
						target: readTarget(itemIndex),
						messagingProfileId: readProfile(itemIndex),
						smsCampaignId: readCampaign(itemIndex),
					}),
					method: 'POST',
					body: (input) => ({
						[ENABLE_SMS_BODY_KEYS.messagingProfile]: input.messagingProfileId,
						[ENABLE_SMS_BODY_KEYS.smsCampaign]: input.smsCampaignId,
					}),
					done: { outcome: 'enabled', smsEnabled: true },
					already: {
						answer: SMS_ALREADY_ENABLED,
						outcome: 'alreadyEnabled',
						strict: run.options.failIfAlreadyEnabled === true,
							option: 'Fail If Already Enabled',
					},
				},
				items,
				report,
				shouldStop,
			),
	});
}
