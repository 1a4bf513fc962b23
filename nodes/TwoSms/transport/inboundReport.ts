import { INBOUND_REPORT_FIELDS, isShortCode, listedNumber, readInboundDate } from './answers';
import type { FailedAnswer, TwoSmsClient } from './client';

/** FACT (docs/api-notes.md, 2sms "Inbound replies"): the report of the replies people sent. */
const INBOUND_REPORT_PATH = 'api/v1/reports/standard/inbound';

/** A window of the report: from `start` to `end` (milliseconds, both whole seconds), on one short code or all. */
export interface ReportWindow {
	start: number;
	end: number;
	shortCode: string | null;
}

export type ReportRead =
	| { ok: true; records: unknown[]; attempts: number }
	| { ok: false; answer: FailedAnswer }
	| { ok: false; unreadable: string; attempts: number }
	/** More records than the caller takes in one answer: a shorter window may fit. */
	| { ok: false; tooMany: number; attempts: number };

/** FACT: StartDate and EndDate are written `YYYY-MM-DDTHH:MM:SSZ`. */
export function reportDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const typeName = (value: unknown) => (value === null ? 'null' : value === undefined ? 'missing' : Array.isArray(value) ? 'a list' : typeof value);

/**
 * One request for the replies of `window`. FACT: `Detail` is a list. ASSUMED: the report has no
 * pages and lists every reply of its window (none are documented); an answer longer than
 * `maxRecords` is not read, so that what one poll takes in stays bounded.
 */
export async function readInboundReport(client: TwoSmsClient, window: ReportWindow, maxRecords: number): Promise<ReportRead> {
	const qs: Record<string, string> = { StartDate: reportDate(window.start), EndDate: reportDate(window.end) };
	if (window.shortCode !== null) qs.Destination = window.shortCode;
	const answer = await client.send({ method: 'GET', path: INBOUND_REPORT_PATH, qs });
	if (!answer.ok) return { ok: false, answer };
	const detail = (answer.body as { ResponseData?: { Detail?: unknown } | null } | undefined)?.ResponseData?.Detail;
	if (!Array.isArray(detail)) {
		return { ok: false, unreadable: `the inbound report answered without a list of messages (Detail is ${typeName(detail)})`, attempts: answer.attempts };
	}
	if (detail.length > maxRecords) return { ok: false, tooMany: detail.length, attempts: answer.attempts };
	return { ok: true, records: detail, attempts: answer.attempts };
}

/** One reply of the report, read. Anything 2sms wrote that cannot be read is null here and kept in `record`. */
export interface InboundReply {
	text: string | null;
	/** The sender in E.164, when it reads as exactly one number. */
	from: string | null;
	/** The short code (digits) or inbound number (E.164) the reply was sent to. */
	to: string | null;
	receivedAt: number | undefined;
	messageId: string | null;
	record: Record<string, unknown>;
}

/** The longest message id read (2sms's ids are GUIDs); longer is no id. */
const MAX_ID_LENGTH = 100;

export function readInboundReply(value: unknown, defaultCountry: string): InboundReply {
	const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
	const { text, inboundNumber, sender, date, id } = INBOUND_REPORT_FIELDS;
	const sentBy = listedNumber(record[sender], defaultCountry);
	const rawId = typeof record[id] === 'number' ? String(record[id]) : record[id];
	return {
		text: typeof record[text] === 'string' ? (record[text] as string) : null,
		from: sentBy.ok ? `+${sentBy.digits}` : null,
		to: readRecipient(record[inboundNumber], defaultCountry),
		receivedAt: readInboundDate(record[date]),
		messageId: typeof rawId === 'string' && rawId.trim() !== '' && rawId.length <= MAX_ID_LENGTH ? rawId.trim() : null,
		record,
	};
}

/** A short code stays digits ("60777"); an inbound long number becomes E.164. */
function readRecipient(value: unknown, defaultCountry: string): string | null {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string') return null;
	const trimmed = text.trim();
	if (isShortCode(trimmed)) return trimmed;
	const number = listedNumber(trimmed, defaultCountry);
	return number.ok ? `+${number.digits}` : null;
}
