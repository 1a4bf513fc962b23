import type { IDataObject } from 'n8n-workflow';

import { type InboundEvent, type KeywordRules, matchKeyword } from '../../shared/keywords';
import { parsePhoneNumber } from '../../shared/phoneNumber';
import { redactProviderText } from '../../shared/redact';
import { readInstant, readMessageId } from '../transport/inboundSearch';

/*
 * One inbound SMS as both triggers output it, read from Opentact's message object (the callback
 * body, or an entry of the inbound search). ASSUMED (docs/api-notes.md, Opentact "Inbound SMS";
 * simulator OPENTACT_SMSI_DEFAULTS): the object is the stored inbound message (swagger ISMSI),
 * flat: `uuid, to, from, message, thread, state, delivered, tn, tnlease, created_on, …`.
 */

/**
 * Every event an item can carry: a keyword event, an ordinary message, or a body not readable as
 * one. `outbound` is never emitted: a delivery status of a message the profile sent.
 */
export type TriggerEvent = InboundEvent | 'unrecognized' | 'outbound';

/**
 * ASSUMED: Opentact POSTs delivery status updates of outbound messages to the same callback URL
 * (its "Receiving Messaging Events" page says so) as the message object, whose `tn` (the
 * account's number) is then its sender `from`. Such a body is no reply from anyone and starts
 * nothing; an inbound message's `tn` is its `to`.
 */
export const OUTBOUND_WHEN_TN_IS_SENDER = true;

/**
 * ASSUMED: Opentact writes numbers as E.164 digits without '+' (FACT for US numbers: 11 digits,
 * "12017771234"); a '+' may come with them, and 10 digits are a US number without its leading 1.
 * Anything else with other characters is read as a US number written the usual ways.
 */
export function readOpentactNumber(value: unknown): string | undefined {
	let text: string;
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) text = String(value);
	else if (typeof value === 'string') text = value.trim();
	else return undefined;
	if (text.length > 64) return undefined;
	const digits = text.startsWith('+') ? text.slice(1) : text;
	let parsed;
	if (/^\d{1,20}$/.test(digits)) parsed = parsePhoneNumber(`+${digits.length === 10 && !text.startsWith('+') ? `1${digits}` : digits}`);
	else parsed = parsePhoneNumber(text, 'US');
	return parsed.ok ? parsed.e164 : undefined;
}

const readId = (value: unknown): string | null => readMessageId(value) ?? null;

/** How deep `raw` keeps a body; deeper parts are replaced by "[…]" (Opentact's message is flat). */
const MAX_RAW_DEPTH = 10;

/**
 * The body with `secrets` and the registered credential values hidden in every string (keys
 * included), and nothing else changed: no string is cut, so `raw` is what Opentact sent.
 */
export function hideSecrets(value: unknown, secrets: string[], depth = 0): unknown {
	if (typeof value === 'string') return redactProviderText(secrets, value, Number.MAX_SAFE_INTEGER);
	if (typeof value !== 'object' || value === null) return value;
	if (depth >= MAX_RAW_DEPTH) return '[…]';
	if (Array.isArray(value)) return value.map((entry) => hideSecrets(entry, secrets, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		copy[redactProviderText(secrets, key, Number.MAX_SAFE_INTEGER)] = hideSecrets(entry, secrets, depth + 1) as IDataObject;
	}
	return copy;
}

/** What the trigger made of one message: the output json, and whether it is an event the user chose. */
export interface ReadMessage {
	event: TriggerEvent;
	json: IDataObject;
}

/**
 * One message as an output item. A keyword event is claimed only when the message proves it: an
 * object with a text `message` that is all one keyword, a readable sender (`from`) and a readable
 * number it was sent to (`to`), which must be the number the message names as its own (`tn`)
 * when it names one. Anything less is `unrecognized`, with `problem` saying what could not be
 * read and every field that could be. `raw` is the object as Opentact sent it, with `secrets`
 * (the trigger's own) and the credential's values hidden.
 */
export function readMessage(body: unknown, rules: KeywordRules, receivedAt: Date, secrets: string[] = []): ReadMessage {
	const raw = hideSecrets(body, secrets) as IDataObject;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		const what = body === undefined || body === null || body === '' ? 'nothing' : Array.isArray(body) ? 'a list' : `a ${typeof body}`;
		return unrecognized(`the body is ${what}, not the JSON object of an inbound SMS`, {}, raw, receivedAt);
	}
	const message = body as IDataObject;
	const from = readOpentactNumber(message.from);
	const to = readOpentactNumber(message.to);
	const own = message.tn === undefined || message.tn === null ? undefined : readOpentactNumber(typeof message.tn === 'object' ? (message.tn as IDataObject).tn : message.tn);
	const text = typeof message.message === 'string' ? (hideSecrets(message.message, secrets) as string) : null;
	const fields = {
		from: from ?? null,
		to: to ?? null,
		text,
		messageId: readId(message.uuid),
		state: readId(message.state),
		receivedAt: readInstant(message.created_on),
	};
	if (OUTBOUND_WHEN_TN_IS_SENDER && own !== undefined && own === from && own !== to) return { event: 'outbound', json: {} };
	const problems: string[] = [];
	if (text === null) problems.push('it has no text "message"');
	if (from === undefined) problems.push('"from" is not a phone number');
	if (to === undefined) problems.push('"to" is not a phone number');
	else if (own !== undefined && own !== to) problems.push(`"to" (${to}) is not the number the message was received on ("tn", ${own})`);
	if (problems.length > 0) return unrecognized(problems.join('; '), fields, raw, receivedAt);
	const match = matchKeyword(rules, text);
	return {
		event: match?.event ?? 'inbound',
		json: { event: match?.event ?? 'inbound', keyword: match?.keyword ?? null, ...fields, receivedAt: fields.receivedAt ?? receivedAt.toISOString(), problem: null, raw },
	};
}

function unrecognized(problem: string, fields: Partial<Record<string, string | null | undefined>>, raw: IDataObject, receivedAt: Date): ReadMessage {
	return {
		event: 'unrecognized',
		json: {
			event: 'unrecognized',
			keyword: null,
			from: fields.from ?? null,
			to: fields.to ?? null,
			text: fields.text ?? null,
			messageId: fields.messageId ?? null,
			state: fields.state ?? null,
			receivedAt: fields.receivedAt ?? receivedAt.toISOString(),
			problem: `Not read as an inbound SMS, so no keyword event is claimed: ${problem}`,
			raw,
		},
	};
}
