import type { IDataObject } from 'n8n-workflow';

import { quoteValue } from '../../shared/itemErrors';
import { type TwoSmsAnswer, type TwoSmsClient, callTwoSms } from './client';
import { detailOf, errorCodeOf } from './answers';
import { UNREADABLE_SHORT_CODE, echoedNumberReader, echoedShortCode } from '../actions/stopLog/numberKeys';
import type { ReadBack } from '../actions/stopLog/readBack';
import type { StopLogEntry } from '../actions/stopLog/readStopLogEntry';
import { type StopLogAction, readStatus } from '../actions/stopLog/output';
import { RECORD_FAULT_ERROR_CODES, RESULT_SUCCESS } from '../actions/stopLog/stopLogVocabulary';
import type { NumberGroup } from '../actions/stopLog/batches';

export const STOP_LOG_PATH = 'api/v1/addressbook/stoplog';

/**
 * ASSUMED: isolating a few bad records of a refused batch by halving it takes about 2·log2(n)
 * requests each (15 for one landline among 100, 21 among 1,000). Past this many requests for one
 * batch, the records not yet sent on their own fail with the refusal instead of being split further.
 */
export const MAX_REQUESTS_PER_REFUSED_BATCH = 40;

/** One record of `Detail.Records` in a stop-log answer (seed page). */
export interface StopLogRecord {
	Destination?: unknown;
	MessageID?: unknown;
	Status?: unknown;
	ShortCode?: unknown;
}

export type TwoSmsFailure = Extract<TwoSmsAnswer, { ok: false }>;

/** This request's record for one group, and what the answer's words say about it. */
export interface RecordAnswer {
	record: StopLogRecord;
	/** The short code 2sms names for the record (the account's default when none was sent). */
	shortCode: string | null;
	/** What the known words say, or undefined when the answer proves nothing by itself. */
	says?: 'done' | 'already';
	/** The answer's words that prove nothing (an unknown Status, `Result: "Failed"`, an ErrorReason), for the audit trail. */
	doubt?: string;
	/** `Result` or `ErrorReason` speak of a refusal: if anything is as asked, this request did not make it so. */
	refused: boolean;
	/** The request was sent again after an attempt that may have been applied (lost answer, 5xx). */
	afterLostAnswer: boolean;
	creditsUsed: number | null;
	creditsRemaining: number | null;
	at: string;
}

export type GroupResult =
	| { ok: true; answer: RecordAnswer; readBack?: ReadBack }
	| { ok: false; answer: TwoSmsFailure; note?: string }
	/** An accepted request whose answer says nothing we can use about this group, in words. */
	| { ok: false; problem: string; attempts: number };

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

/** A field of the answer in 2sms's own words, for messages. */
const said = (value: unknown) => (value === undefined ? 'missing' : quoteValue(value));

const numberOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * `Result` and `ErrorReason` of an answer without an ErrorCode, when they do not say success:
 * the words, and whether they speak of a refusal (a Result word other than success, or a reason
 * given) rather than of nothing (no Result at all).
 */
function batchDoubt(body: unknown): { text: string; refused: boolean } | undefined {
	const envelope = (typeof body === 'object' && body !== null ? body : {}) as {
		Error?: { ErrorReason?: unknown } | null;
		ResponseData?: { Result?: unknown } | null;
	};
	const doubts: string[] = [];
	let refused = false;
	const result = envelope.ResponseData?.Result;
	if (typeof result !== 'string' || result.trim().toLowerCase() !== RESULT_SUCCESS.toLowerCase()) {
		doubts.push(`Result ${said(result)}`);
		refused = typeof result === 'string' && result.trim() !== '';
	}
	const reason = envelope.Error?.ErrorReason;
	if (reason !== undefined && reason !== null && !(typeof reason === 'string' && reason.trim() === '')) {
		doubts.push(`ErrorReason ${quoteValue(reason)} without an ErrorCode`);
		refused = true;
	}
	return doubts.length ? { text: doubts.join(', '), refused } : undefined;
}

/**
 * Gives each group the one record of the answer for its number (a batch holds each number once),
 * read with the same parser as the items, in whatever order the records come. A group gets a
 * problem instead when no record or more than one names its number, or when the record names
 * another short code than the one the group asked for.
 */
function answerFromRecords(
	action: StopLogAction,
	groups: Array<NumberGroup<StopLogEntry>>,
	sent: Extract<TwoSmsAnswer, { ok: true }>,
	defaultCountry: string,
	answer: AnswerGroup,
): void {
	const detail = detailOf(sent.body);
	const problem = (text: string): GroupResult => ({ ok: false, problem: text, attempts: sent.attempts });
	if (!Array.isArray(detail.Records)) {
		const doubt = batchDoubt(sent.body);
		for (const group of groups) {
			answer(group, problem(`2sms accepted the request but its answer lists no Records${doubt ? ` (${doubt.text})` : ''}, so nothing is known about +${group.entry.digits}`));
		}
		return;
	}
	const readNumber = echoedNumberReader(defaultCountry, new Set(groups.map((group) => group.entry.digits)));
	const byNumber = new Map<string, StopLogRecord[]>();
	for (const listed of detail.Records as unknown[]) {
		if (typeof listed !== 'object' || listed === null) continue;
		const record = listed as StopLogRecord;
		const number = readNumber(record.Destination);
		if (!number.ok) continue; // not attributable to any group: each group still needs its own record
		byNumber.set(number.digits, [...(byNumber.get(number.digits) ?? []), record]);
	}
	const at = new Date().toISOString();
	const creditsUsed = numberOrNull(detail.CreditsUsed);
	const creditsRemaining = numberOrNull(detail.CreditsRemaining);
	const doubtOfBatch = batchDoubt(sent.body);
	for (const group of groups) {
		const { digits, shortCode: asked } = group.entry;
		const records = byNumber.get(digits) ?? [];
		if (records.length !== 1) {
			answer(group, problem(records.length === 0
				? `2sms accepted the request but its answer has no record for +${digits}`
				: `2sms's answer has ${records.length} records for +${digits}, which was sent once, so which one is this item's cannot be told`));
			continue;
		}
		const [record] = records;
		const named = echoedShortCode(record.ShortCode);
		if (named === UNREADABLE_SHORT_CODE || (asked !== null && named !== asked)) {
			const what = named === null ? 'names no short code' : `is about short code ${quoteValue(record.ShortCode)}`;
			answer(group, problem(`2sms's record for +${digits} ${what}, but the item asked for ${asked === null ? "the account's default" : asked}`));
			continue;
		}
		const says = readStatus(action, record.Status);
		const doubts = [says ? undefined : `Status ${said(record.Status)}`, doubtOfBatch?.text].filter(
			(text): text is string => text !== undefined,
		);
		answer(group, {
			ok: true,
			answer: {
				record,
				shortCode: named,
				says: doubts.length ? undefined : says,
				doubt: doubts.length ? doubts.join(', ') : undefined,
				refused: doubtOfBatch?.refused === true,
				afterLostAnswer: sent.earlierAttemptMayHaveApplied,
				creditsUsed,
				creditsRemaining,
				at,
			},
		});
	}
}

/** Whether 2sms refused the batch for something one record can cause, so smaller batches may pass. */
function refusedForARecord(result: TwoSmsFailure): boolean {
	if (!result.contentRejected) return false;
	const code = errorCodeOf(result.failure.body);
	return code !== undefined && RECORD_FAULT_ERROR_CODES.some((known) => known.toLowerCase() === code.toLowerCase());
}

interface SplitBudget {
	requests: number;
}

/**
 * Sends one batch of Remove or Add. When 2sms refuses the whole batch for one record's fault (one
 * bad record refuses all, and nothing is applied), the batch is split in halves that are sent
 * again, down to the single bad records, so only they fail and every good record still goes
 * through; at most MAX_REQUESTS_PER_REFUSED_BATCH requests a batch. Any other refusal fails the
 * whole batch at once.
 */
export async function sendStopLogBatch(
	client: TwoSmsClient,
	action: StopLogAction,
	groups: Array<NumberGroup<StopLogEntry>>,
	defaultCountry: string,
	answer: AnswerGroup,
	shouldStop: () => boolean,
	budget: SplitBudget = { requests: 0 },
): Promise<void> {
	if (groups.length === 0 || shouldStop()) return;
	budget.requests++;
	const result = await callTwoSms(client, {
		method: action === 'remove' ? 'DELETE' : 'POST',
		path: STOP_LOG_PATH,
		body: toStopLogRecords(groups),
	});
	if (result.ok) return answerFromRecords(action, groups, result, defaultCountry, answer);
	if (groups.length > 1 && refusedForARecord(result)) {
		const middle = Math.ceil(groups.length / 2);
		for (const half of [groups.slice(0, middle), groups.slice(middle)]) {
			if (budget.requests < MAX_REQUESTS_PER_REFUSED_BATCH) {
				await sendStopLogBatch(client, action, half, defaultCountry, answer, shouldStop, budget);
				continue;
			}
			const note = `2sms refused the batch this record was in, and it was not sent on its own: splitting the batch stopped after ${budget.requests} requests`;
			for (const group of half) answer(group, { ok: false, answer: result, note });
		}
		return;
	}
	for (const group of groups) answer(group, { ok: false, answer: result });
}
