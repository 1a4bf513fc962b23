import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { providerWords } from '../../shared/audit';
import { DEFAULT_KEYWORDS, type InboundEvent, type KeywordRules, keywordRules, matchKeyword } from '../../shared/keywords';
import { redactProviderJson } from '../../shared/redact';
import { INBOUND_REPORT_FIELDS, isShortCode } from '../transport/answers';
import { openClient } from '../transport/client';
import { type InboundReply, type ReportRead, type ReportWindow, readInboundReply, readInboundReport, reportDate } from '../transport/inboundReport';
import { pollFailure } from './failure';
import { readTriggerOptions, triggerOptionsField } from './fields';
import { type InboundMemory, MAX_REMEMBERED_REPLIES, decodeInboundMemory, encodeInboundMemory } from './inboundMemory';
import { tag } from './tag';

const show = { show: { event: ['inboundKeyword'] } };

const keywordsField = (name: string, displayName: string, defaults: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: defaults,
	displayOptions: show,
	description: `${what}, separated by commas. A reply matches when it is exactly one of them, whatever its case, spaces or punctuation ("Stop." is STOP; "Stop please" is not).`,
});

export const description: INodeProperties[] = [
	{
		displayName: 'Short Code',
		name: 'shortCode',
		type: 'string',
		default: '',
		placeholder: '60777',
		displayOptions: show,
		description: 'Only replies sent to this short code. Leave empty for replies to every short code and inbound number of the account.',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'Any Other Reply', value: 'inbound', description: 'A reply that is none of the keywords' },
			{ name: 'Help', value: 'help', description: 'A reply that is one of the Help Keywords' },
			{ name: 'Opt-In', value: 'optIn', description: 'A reply that is one of the Opt-In Keywords' },
			{ name: 'Opt-Out', value: 'optOut', description: 'A reply that is one of the Opt-Out Keywords' },
		],
		default: ['optOut', 'optIn', 'help'],
		displayOptions: show,
		description: 'Which replies start the workflow',
	},
	keywordsField('optOutKeywords', 'Opt-Out Keywords', DEFAULT_KEYWORDS.optOut, 'Replies that opt a number out'),
	keywordsField('optInKeywords', 'Opt-In Keywords', DEFAULT_KEYWORDS.optIn, 'Replies that opt a number back in'),
	keywordsField('helpKeywords', 'Help Keywords', DEFAULT_KEYWORDS.help, 'Replies asking for help'),
	{
		displayName:
			'2sms itself puts a number on its stop log when the reply is STOP, CANCEL or QUIT. The first poll only remembers the replies of the last few minutes.',
		name: 'inboundNotice',
		type: 'notice',
		default: '',
		displayOptions: show,
	},
	triggerOptionsField('inboundKeyword'),
];

/**
 * ASSUMED: 2sms writes a reply into its report within 10 minutes of its date. Each window starts
 * that long before the last one ended, so a reply written late is still read; the replies a window
 * lists again are known by their key and not emitted twice.
 */
export const WINDOW_OVERLAP_MS = 10 * 60_000;
/** How far past the last window one poll reads: a trigger off for a week catches up a day per poll. */
export const MAX_WINDOW_MS = 24 * 60 * 60_000;
/** The editor's "Fetch Test Event" looks at the last day's replies. */
const SAMPLE_WINDOW_MS = 24 * 60 * 60_000;
/** A window listing more replies than a poll takes is halved, at most this often (to 1/32 of it). */
const MAX_WINDOW_SPLITS = 5;
/** The longest reply text copied into an item (ten SMS segments). */
const MAX_TEXT_LENGTH = 1600;

interface InboundSettings {
	shortCode: string | null;
	rules: KeywordRules;
	events: Set<InboundEvent>;
}

function readSettings(ctx: IPollFunctions): InboundSettings {
	const node = ctx.getNode();
	const given = ctx.getNodeParameter('shortCode', '') as unknown;
	const text = typeof given === 'string' || typeof given === 'number' ? String(given).replace(/\s+/g, '') : '';
	if (text !== '' && !isShortCode(text)) {
		throw new NodeOperationError(node, `Short Code "${text.slice(0, 20)}" must be 3 to 8 digits`, { description: 'Leave it empty for replies to every short code.' });
	}
	const rules = keywordRules({
		optOut: ctx.getNodeParameter('optOutKeywords', DEFAULT_KEYWORDS.optOut),
		optIn: ctx.getNodeParameter('optInKeywords', DEFAULT_KEYWORDS.optIn),
		help: ctx.getNodeParameter('helpKeywords', DEFAULT_KEYWORDS.help),
	});
	if (!rules.ok) throw new NodeOperationError(node, rules.problem);
	const events = ctx.getNodeParameter('events', []) as unknown;
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one of the Events', { description: 'Opt-Out, Opt-In, Help, or Any Other Reply.' });
	}
	return { shortCode: text === '' ? null : text, rules: rules.rules, events: new Set(events as InboundEvent[]) };
}

/**
 * ASSUMED: a reply is known by its message id when the report gives one; without it, by its
 * sender, date, text and recipient, and its place among the replies of one answer that share all
 * four (two equal replies in one second are two replies). Kept as tags (tag.ts), not as text.
 */
function replyKeys(replies: InboundReply[]): string[] {
	const count = new Map<string, number>();
	return replies.map((reply) => {
		if (reply.messageId !== null) return `i${tag(reply.messageId)}`;
		const { record } = reply;
		const { sender, date, inboundNumber } = INBOUND_REPORT_FIELDS;
		const same = tag(JSON.stringify([reply.from ?? record[sender] ?? null, reply.receivedAt ?? record[date] ?? null, reply.text, reply.to ?? record[inboundNumber] ?? null]));
		const nth = count.get(same) ?? 0;
		count.set(same, nth + 1);
		return `h${same}.${nth}`;
	});
}

/** The item of one reply: the fields the Opentact Trigger gives, and 2sms's record as `raw`. */
function replyJson(reply: InboundReply, rules: KeywordRules): IDataObject {
	const match = matchKeyword(rules, reply.text);
	return {
		event: match?.event ?? 'inbound',
		keyword: match?.keyword ?? null,
		from: reply.from,
		to: reply.to,
		text: reply.text === null ? null : providerWords(reply.text, MAX_TEXT_LENGTH),
		receivedAt: reply.receivedAt === undefined ? null : new Date(reply.receivedAt).toISOString(),
		messageId: reply.messageId,
		raw: redactProviderJson(undefined, reply.record) as IDataObject,
	};
}

/**
 * Inbound Keyword: `GET api/v1/reports/standard/inbound?StartDate=&EndDate=[&Destination=]`, one
 * window per poll from where the last one ended (less WINDOW_OVERLAP_MS) to now, each reply
 * classified with the keyword rules the Opentact Trigger uses, each emitted once. The first poll
 * (and the first after the Short Code or Default Country changed) reads the last minutes only to
 * remember them. A poll that cannot read its window fails, emits nothing and keeps its memory.
 */
export async function poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const options = readTriggerOptions(this);
	const settings = readSettings(this);
	const client = await openClient(this, options.settings);
	const now = Math.floor(Date.now() / 1000) * 1000;
	const read = async (window: ReportWindow): Promise<{ window: ReportWindow; replies: InboundReply[] }> => {
		let answer: ReportRead;
		for (let split = 0; ; split++) {
			answer = await readInboundReport(client, window, MAX_REMEMBERED_REPLIES);
			if (answer.ok || !('tooMany' in answer) || split >= MAX_WINDOW_SPLITS || window.end - window.start < 2000) break;
			window = { ...window, end: window.start + Math.floor((window.end - window.start) / 2000) * 1000 };
		}
		if ('tooMany' in answer) {
			const problem = `the inbound report lists ${answer.tooMany} replies from ${reportDate(window.start)} to ${reportDate(window.end)}, more than the ${MAX_REMEMBERED_REPLIES} one poll takes`;
			throw pollFailure(client, { unreadable: problem, attempts: answer.attempts }, 'that window');
		}
		if (!answer.ok) throw pollFailure(client, answer, 'the inbound report');
		return { window, replies: answer.records.map((record) => readInboundReply(record, options.defaultCountry)) };
	};

	if (this.getMode() === 'manual') {
		const { replies } = await read({ start: now - SAMPLE_WINDOW_MS, end: now, shortCode: settings.shortCode });
		// The newest reply of an event the trigger emits (by date; a reply without one counts oldest).
		let newest: { json: IDataObject; time: number } | undefined;
		for (const reply of replies) {
			const json = replyJson(reply, settings.rules);
			const time = reply.receivedAt ?? -Infinity;
			if (settings.events.has(json.event as InboundEvent) && (newest === undefined || time >= newest.time)) newest = { json, time };
		}
		return newest === undefined ? null : [[{ json: newest.json }]];
	}

	const staticData = this.getWorkflowStaticData('node');
	const query = JSON.stringify({ shortCode: settings.shortCode, defaultCountry: options.defaultCountry });
	const remembered = decodeInboundMemory(staticData.inbound);
	const previous = remembered?.query === query ? remembered : undefined;
	const start = (previous?.end ?? now) - WINDOW_OVERLAP_MS;
	const { window, replies } = await read({ start, end: Math.max(start, Math.min(now, (previous?.end ?? now) + MAX_WINDOW_MS)), shortCode: settings.shortCode });

	const seen = new Map(previous?.seen);
	const fresh: InboundReply[] = [];
	const keys = replyKeys(replies);
	for (const [index, reply] of replies.entries()) {
		// A reply dated outside the window asked for is not this window's: one before it was read
		// by an earlier window, one after it will be read by the next.
		if (reply.receivedAt !== undefined && (reply.receivedAt < window.start || reply.receivedAt >= window.end + 1000)) continue;
		if (!seen.has(keys[index])) fresh.push(reply);
		seen.set(keys[index], Math.max(seen.get(keys[index]) ?? 0, reply.receivedAt ?? window.end));
	}
	// What the next window (from this end, less the overlap) cannot list again is forgotten.
	for (const [key, time] of seen) if (time < window.end - WINDOW_OVERLAP_MS) seen.delete(key);
	const memory: InboundMemory = { query, end: window.end, seen };
	staticData.inbound = encodeInboundMemory(memory);
	if (previous === undefined) return null;

	const items = fresh
		.map((reply) => replyJson(reply, settings.rules))
		.filter((json) => settings.events.has(json.event as InboundEvent))
		.map((json) => ({ json }));
	return items.length > 0 ? [items] : null;
}
