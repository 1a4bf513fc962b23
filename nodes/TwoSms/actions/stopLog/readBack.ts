import { chunk } from '../../../shared/batching';
import type { TwoSmsClient } from '../../transport/client';
import type { StopLogEntry } from './readStopLogEntry';
import { MAX_NUMBERS_PER_SEARCH, type SearchResult, type StopLogState, searchStopLog, stopLogState } from '../../transport/stopLogSearch';
import type { RecordAnswer } from '../../transport/stopLog';
import type { StopLogAction } from './output';
import type { NumberGroup } from './batches';

/** What reading the stop log back said about one group whose answer proved nothing. */
export type ReadBack =
	| { ok: true; state: StopLogState; shortCode: string | null; at: string }
	| { ok: false; search: Exclude<SearchResult, { ok: true }> };

export interface Unproven {
	group: NumberGroup<StopLogEntry>;
	answer: RecordAnswer;
}

/**
 * Reads the stop log back for groups whose answer used words we do not know: one search per
 * 100 numbers (the Check's search, with all its proofs of completeness), each group judged on
 * its number and short code: the one it asked for, else the one 2sms named in its record.
 * Remove proves "off" only when no entry could block that short code; Add proves "on" only by an
 * entry for that short code or a general one (see stopLogState).
 */
export async function readBack(
	client: TwoSmsClient,
	action: StopLogAction,
	unproven: Unproven[],
	defaultCountry: string,
	settle: (item: Unproven, readBack: ReadBack) => void,
): Promise<void> {
	const numbers = [...new Set(unproven.map(({ group }) => group.entry.digits))];
	const results = new Map<string, SearchResult>();
	for (const part of chunk(numbers, MAX_NUMBERS_PER_SEARCH)) {
		const result = await searchStopLog(client, part, defaultCountry);
		for (const digits of part) results.set(digits, result);
	}
	for (const item of unproven) {
		const { digits } = item.group.entry;
		const shortCode = item.group.entry.shortCode ?? item.answer.shortCode;
		const result = results.get(digits) as SearchResult;
		if (!result.ok) {
			settle(item, { ok: false, search: result });
			continue;
		}
		const state = stopLogState(result.snapshot, digits, shortCode, action === 'remove');
		settle(item, { ok: true, state, shortCode, at: result.snapshot.at });
	}
}
