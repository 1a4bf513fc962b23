import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField, readRequestSettings } from '../../../shared/options';
import { readItem, runOperation } from '../../../shared/runOperation';
import { openClient } from '../../transport/client';
import { listProfiles } from '../../transport/profiles';
import { limitField, readLimit, returnAllField } from '../phoneNumber/fields';
import { profileRecord } from './output';

const properties: INodeProperties[] = [returnAllField, limitField, optionsField()];

export const description = updateDisplayOptions({ show: { resource: ['messagingProfile'], operation: ['getMany'] } }, properties);

/**
 * The account's messaging profiles (`GET /profile/messaging`, one unpaged list), each with its
 * callback URLs: where the profile's inbound SMS, STOP replies among them, are sent. A list that
 * cannot be read in full fails the item rather than show part of it.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const settings = readRequestSettings(this.getNodeParameter('options', 0, {}) as Record<string, number>);
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		const limits: Array<{ itemIndex: number; limit: number | undefined }> = [];
		for (const itemIndex of itemIndexes) {
			const read = readItem(this, itemIndex, () => ({
				limit: this.getNodeParameter('returnAll', itemIndex, false) === true ? undefined : readLimit(this, itemIndex),
			}), report);
			if (read) limits.push({ itemIndex, limit: read.limit });
		}
		if (limits.length === 0 || shouldStop()) return;
		const client = await openClient(this, settings);
		// One list per run: every item asks for the same list, at most with another limit.
		const read = await listProfiles(client);
		for (const { itemIndex, limit } of limits) {
			if (!read.ok) {
				report(itemIndex, 'answer' in read ? client.itemError(itemIndex, read.answer) : client.unusableAnswer(itemIndex, read.problem, 'No profiles are output.'));
				continue;
			}
			report(itemIndex, read.profiles.slice(0, limit).map(profileRecord));
		}
	});
}
