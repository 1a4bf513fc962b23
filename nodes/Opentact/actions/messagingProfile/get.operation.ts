import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { optionsField, readRequestSettings } from '../../../shared/options';
import { readItem, runOperation } from '../../../shared/runOperation';
import { openClient } from '../../transport/client';
import { readProfile } from '../../transport/profiles';
import { messagingProfileField, profileIdReader } from './fields';
import { profileRecord } from './output';

const properties: INodeProperties[] = [
	messagingProfileField('profileId', 'The messaging profile to read, with the callback URLs its inbound SMS are sent to'),
	optionsField(),
];

export const description = updateDisplayOptions({ show: { resource: ['messagingProfile'], operation: ['get'] } }, properties);

/** One messaging profile: `GET /profile/messaging/{uuid}`, checked to be the one asked for. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readRequestSettings(this.getNodeParameter('options', 0, {}) as Record<string, number>);
	const readId = profileIdReader(this, 'profileId', 'Messaging Profile');
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		if (itemIndexes.length === 0) return;
		const client = await openClient(this, settings);
		const reads = new Map<string, ReturnType<typeof readProfile>>();
		const getOne = async (itemIndex: number) => {
			const uuid = readItem(this, itemIndex, () => readId(itemIndex), report);
			if (uuid === undefined) return;
			// One read per profile per run, however many items name it.
			let read = reads.get(uuid);
			if (!read) reads.set(uuid, (read = readProfile(client, uuid)));
			const result = await read;
			if (result.ok) return report(itemIndex, profileRecord(result.profile));
			report(itemIndex, 'answer' in result ? client.itemError(itemIndex, result.answer) : client.unusableAnswer(itemIndex, result.problem));
		};
		await mapWithConcurrency(itemIndexes, settings.concurrency, getOne, shouldStop);
	});
}
