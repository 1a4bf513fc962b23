import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readRequestSettings } from '../../../shared/options';
import { openClient } from '../../transport/client';
import { opentactFailure, unusableAnswer } from '../../transport/errors';
import { describeUrl, listProfiles } from '../../transport/profiles';

/** The picker waits less than a run: someone is looking at the list. */
const PICKER_SETTINGS = readRequestSettings({ maxRetries: 1, timeoutMs: 15_000 });

/**
 * The messaging-profile picker's list (`methods.listSearch.searchMessagingProfiles` of every node
 * with the picker): the account's profiles, by name, each showing where its inbound SMS go, so
 * nobody points the trigger at a profile another system listens on without seeing it. `filter`
 * keeps profiles whose name or UUID contains it (case ignored; plain text, no pattern).
 */
export async function searchMessagingProfiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await openClient(this, PICKER_SETTINGS);
	const read = await listProfiles(client);
	const doing = 'listing the messaging profiles';
	if (!read.ok) {
		throw 'answer' in read ? opentactFailure(this.getNode(), doing, read.answer) : unusableAnswer(this.getNode(), doing, read.problem);
	}
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = read.profiles
		.filter((profile) => wanted === '' || profile.uuid.includes(wanted) || (profile.name ?? '').toLowerCase().includes(wanted))
		.map((profile) => ({
			name: profile.name ?? profile.uuid,
			value: profile.uuid,
			description: `Inbound SMS go to ${describeUrl(profile.callbackUrl)}`,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
