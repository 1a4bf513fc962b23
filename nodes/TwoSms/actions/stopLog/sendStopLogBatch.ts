import type { IDataObject } from 'n8n-workflow';

import { type TwoSmsAnswer, type TwoSmsClient, callTwoSms } from '../../transport/callTwoSms';
import { detailOf } from '../../transport/envelope';
import { echoedDigits, echoedShortCode, numberKey } from './numberKeys';
import type { StopLogEntry } from './readStopLogEntry';
import type { StopLogAction } from './stopLogOutcome';
import type { NumberGroup } from './streamNumberBatches';

export const STOP_LOG_PATH = 'api/v1/addressbook/stoplog';

/** One record of `Detail.Records` in a stop-log answer (seed page). */
export interface StopLogRecord {
	Destination?: unknown;
	MessageID?: unknown;
	Status?: unknown;
	ShortCode?: unknown;
}

export type GroupResult =
	| { ok: true; record: StopLogRecord; creditsUsed: number | null; creditsRemaining: number | null; at: string }
	| { ok: false; answer: Extract<TwoSmsAnswer, { ok: false }> }
	| { ok: false; missing: true; at: string };

export type AnswerGroup = (group: NumberGroup<StopLogEntry>, result: GroupResult) => void;

/**
 * The request body exactly as the seed shows it: all four keys, always.
 * ASSUMED: ShortCode null means "none given" (what ASP.NET binds for an omitted string).
 */
export function toStopLogRecords(groups: Array<NumberGroup<StopLogEntry>>): IDataObject[] {
	return groups.map(({ entry }) => ({
		Destination: entry.digits,
		Reason: entry.reason,
		SendConfirmation: entry.sendConfirmation,
		ShortCode: entry.shortCode,
	}));
}

const numberOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * Finds each group's record: at the same position when 2sms answers in request order (it echoes
 * the number, and the short code it applied, which is the account's default when none was sent),
 * else by number and short code, else by number alone when that number appears once.
 */
function recordFinder(records: StopLogRecord[]) {
	const byKey = new Map<string, StopLogRecord>();
	const byNumber = new Map<string, StopLogRecord | null>();
	for (const record of records) {
		const digits = echoedDigits(record.Destination);
		byKey.set(numberKey(digits, echoedShortCode(record.ShortCode)), record);
		byNumber.set(digits, byNumber.has(digits) ? null : record);
	}
	return (group: NumberGroup<StopLogEntry>, position: number): StopLogRecord | undefined => {
		const { digits, shortCode } = group.entry;
		const inPlace = records[position];
		if (
			inPlace &&
			echoedDigits(inPlace.Destination) === digits &&
			(shortCode === null || echoedShortCode(inPlace.ShortCode) === shortCode)
		) {
			return inPlace;
		}
		return byKey.get(group.key) ?? byNumber.get(digits) ?? undefined;
	};
}

function answerFromRecords(groups: Array<NumberGroup<StopLogEntry>>, body: unknown, answer: AnswerGroup): void {
	const detail = detailOf(body);
	const listed = Array.isArray(detail.Records) ? (detail.Records as unknown[]) : [];
	const records = listed.filter((record): record is StopLogRecord => typeof record === 'object' && record !== null);
	const findRecord = recordFinder(records);
	const at = new Date().toISOString();
	const creditsUsed = numberOrNull(detail.CreditsUsed);
	const creditsRemaining = numberOrNull(detail.CreditsRemaining);
	groups.forEach((group, position) => {
		const record = findRecord(group, position);
		answer(group, record ? { ok: true, record, creditsUsed, creditsRemaining, at } : { ok: false, missing: true, at });
	});
}

/**
 * Sends one batch of Remove or Add. When 2sms refuses the whole batch for its content (one bad
 * record refuses all, and nothing is applied), the batch is split in halves that are sent again,
 * down to the single bad records, so only they fail and every good record still goes through.
 */
export async function sendStopLogBatch(
	client: TwoSmsClient,
	action: StopLogAction,
	groups: Array<NumberGroup<StopLogEntry>>,
	answer: AnswerGroup,
	shouldStop: () => boolean,
): Promise<void> {
	if (groups.length === 0 || shouldStop()) return;
	const result = await callTwoSms(client, {
		method: action === 'remove' ? 'DELETE' : 'POST',
		path: STOP_LOG_PATH,
		body: toStopLogRecords(groups),
	});
	if (result.ok) return answerFromRecords(groups, result.body, answer);
	if (result.contentRejected && groups.length > 1) {
		const middle = Math.ceil(groups.length / 2);
		await sendStopLogBatch(client, action, groups.slice(0, middle), answer, shouldStop);
		await sendStopLogBatch(client, action, groups.slice(middle), answer, shouldStop);
		return;
	}
	for (const group of groups) answer(group, { ok: false, answer: result });
}
