import type { IDataObject } from 'n8n-workflow';

import { quoteValue } from '../../shared/itemErrors';
import {
	RECORD_FAULT_ERROR_CODES,
	RESULT_SUCCESS,
	type StopLogAction,
	UNREADABLE_SHORT_CODE,
	detailOf,
	echoedNumberReader,
	echoedShortCode,
	errorCodeOf,
	readStatus,
} from './answers';
import type { FailedAnswer, TwoSmsAnswer, TwoSmsClient } from './client';

export const STOP_LOG_PATH = 'api/v1/addressbook/stoplog';

/**
 * ASSUMED: isolating a few bad records of a refused batch by halving it takes about 2·log2(n)
 * requests each (15 for one landline among 100, 21 among 1,000). Past this many requests for one
 * batch, the records not yet sent on their own fail with the refusal instead of being split further.
 */
export const MAX_REQUESTS_PER_REFUSED_BATCH = 40;

/** What one record of a Remove or Add asks for: a number, once per request. */
export interface StopLogChange {
	/** International digits without '+', the form 2sms keys the stop log on. */
	digits: string;
	/** Digits, or null for the account's default short code. */
	shortCode: string | null;
	reason: string;
	sendConfirmation: boolean;
}

/** One record of `Detail.Records` in a stop-log answer (2sms's API help, DELETE api/v1/addressbook/stoplog). */
export interface StopLogRecord {
	Destination?: unknown;
	MessageID?: unknown;
	Status?: unknown;
	ShortCode?: unknown;
}

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

/** What 2sms's answer said about one group's record. */
export type GroupResult =
	| { ok: true; answer: RecordAnswer }
	| { ok: false; answer: FailedAnswer; note?: string }
	/** An accepted request whose answer says nothing we can use about this group, in words. */
	| { ok: false; problem: string; attempts: number };

/** Groups are whatever the caller sends as one record each (items asking for the same thing). */
type Group = { entry: StopLogChange };

/**
 * The request body exactly as 2sms's API help shows it: all four keys, always.
 * ASSUMED: ShortCode null means "none given" (what ASP.NET binds for an omitted string).
 */
export function toStopLogRecords(groups: readonly Group[]): IDataObject[] {
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
function answerFromRecords<G extends Group>(
	action: StopLogAction,
	groups: readonly G[],
	sent: Extract<TwoSmsAnswer, { ok: true }>,
	defaultCountry: string,
): Array<[G, GroupResult]> {
	const detail = detailOf(sent.body);
	const problem = (text: string): GroupResult => ({ ok: false, problem: text, attempts: sent.attempts });
	if (!Array.isArray(detail.Records)) {
		const doubt = batchDoubt(sent.body);
		return groups.map((group) => [
			group,
			problem(`2sms accepted the request but its answer lists no Records${doubt ? ` (${doubt.text})` : ''}, so nothing is known about +${group.entry.digits}`),
		]);
	}
	const readNumber = echoedNumberReader(defaultCountry, new Set(groups.map((group) => group.entry.digits)));
	const byNumber = new Map<string, StopLogRecord[]>();
	for (const listed of detail.Records as unknown[]) {
		if (typeof listed !== 'object' || listed === null) continue;
		const record = listed as StopLogRecord;
		const number = readNumber(record.Destination);
		if (!number.ok) continue; // not attributable to any group: each group still needs its own record
		const known = byNumber.get(number.digits);
		if (known) known.push(record);
		else byNumber.set(number.digits, [record]);
	}
	const at = new Date().toISOString();
	const creditsUsed = numberOrNull(detail.CreditsUsed);
	const creditsRemaining = numberOrNull(detail.CreditsRemaining);
	const doubtOfBatch = batchDoubt(sent.body);
	return groups.map((group): [G, GroupResult] => {
		const { digits, shortCode: asked } = group.entry;
		const records = byNumber.get(digits) ?? [];
		if (records.length !== 1) {
			return [group, problem(records.length === 0
				? `2sms accepted the request but its answer has no record for +${digits}`
				: `2sms's answer has ${records.length} records for +${digits}, which was sent once, so which one is this item's cannot be told`)];
		}
		const [record] = records;
		const named = echoedShortCode(record.ShortCode);
		if (named === UNREADABLE_SHORT_CODE || (asked !== null && named !== asked)) {
			const what = named === null ? 'names no short code' : `is about short code ${quoteValue(record.ShortCode)}`;
			return [group, problem(`2sms's record for +${digits} ${what}, but the item asked for ${asked === null ? "the account's default" : asked}`)];
		}
		const says = readStatus(action, record.Status);
		const doubts = [says ? undefined : `Status ${said(record.Status)}`, doubtOfBatch?.text].filter(
			(text): text is string => text !== undefined,
		);
		return [group, {
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
		}];
	});
}

/** Whether 2sms refused the batch for something one record can cause, so smaller batches may pass. */
function refusedForARecord(result: FailedAnswer): boolean {
	if (!result.contentRejected) return false;
	const code = errorCodeOf(result.failure.body);
	return code !== undefined && RECORD_FAULT_ERROR_CODES.some((known) => known.toLowerCase() === code.toLowerCase());
}

/**
 * Sends one batch of Remove or Add (DELETE / POST api/v1/addressbook/stoplog) and yields, request
 * by request, what 2sms said about each group. When 2sms refuses the whole batch for one record's
 * fault (one bad record refuses all, and nothing is applied), the batch is split in halves that
 * are sent again, down to the single bad records, so only they fail and every good record still
 * goes through; at most MAX_REQUESTS_PER_REFUSED_BATCH requests a batch. Any other refusal fails
 * the whole batch at once. Yielding per request lets the caller report each part before the next
 * is sent, and no request starts once `shouldStop` says so.
 */
export async function* sendStopLogChanges<G extends Group>(
	client: TwoSmsClient,
	action: StopLogAction,
	groups: readonly G[],
	defaultCountry: string,
	shouldStop: () => boolean,
	budget: { requests: number } = { requests: 0 },
): AsyncGenerator<Array<[G, GroupResult]>> {
	if (groups.length === 0 || shouldStop()) return;
	budget.requests++;
	const result = await client.send({
		method: action === 'remove' ? 'DELETE' : 'POST',
		path: STOP_LOG_PATH,
		body: toStopLogRecords(groups),
	});
	if (result.ok) {
		yield answerFromRecords(action, groups, result, defaultCountry);
		return;
	}
	if (groups.length > 1 && refusedForARecord(result)) {
		const middle = Math.ceil(groups.length / 2);
		for (const half of [groups.slice(0, middle), groups.slice(middle)]) {
			if (budget.requests < MAX_REQUESTS_PER_REFUSED_BATCH) {
				yield* sendStopLogChanges(client, action, half, defaultCountry, shouldStop, budget);
				continue;
			}
			const note = `2sms refused the batch this record was in, and it was not sent on its own: splitting the batch stopped after ${budget.requests} requests`;
			yield half.map((group): [G, GroupResult] => [group, { ok: false, answer: result, note }]);
		}
		return;
	}
	yield groups.map((group): [G, GroupResult] => [group, { ok: false, answer: result }]);
}
