import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { dryRunOption, readDryRun } from '../../../shared/dryRun';
import { invalidInput } from '../../../shared/itemErrors';
import { itemParameterReader } from '../../../shared/itemParameter';
import { readRequestSettings, type RequestSettings } from '../../../shared/options';
import { COUNTRY_RULES, parsePhoneNumber } from '../../../shared/phoneNumber';
import { isShortCode } from '../../transport/answers';
import type { StopLogChange } from '../../transport/stopLog';

/*
 * Every field of the stop-log operations, each beside the reader that checks it. Readers are made
 * once per run (the shared fast path reads `{{ $json.phone }}` straight off the item); each call
 * checks one item's value and throws that item's NodeOperationError when it is unusable.
 */

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

// ---------------------------------------------------------------- Phone Number

export function phoneNumberField(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+44 7700 900123',
		description,
		hint: 'Any common format: +44 7700 900123, 07700 900123, 447700900123. National numbers are read in the Default Country (see Options).',
	};
}

function checkPhoneNumber(node: INode, itemIndex: number, value: unknown, defaultCountry: string): string {
	const parsed = parsePhoneNumber(value, defaultCountry);
	if (parsed.ok) return parsed.digits;
	throw invalidInput(node, itemIndex, 'Phone Number', value, parsed.problem,
		`Give a mobile number with its country code (+44 7700 900123) or a national number of the Default Country (${defaultCountry}).`);
}

// ---------------------------------------------------------------- Short Code

export function shortCodeField(description: string): INodeProperties {
	return {
		displayName: 'Short Code',
		name: 'shortCode',
		type: 'string',
		default: '',
		placeholder: '60777',
		description,
	};
}

/** Digits, or null when the item names none (see isShortCode for what a short code is). */
function checkShortCode(node: INode, itemIndex: number, value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(node, itemIndex, 'Short Code', value, `must be text, got ${typeName(value)}`);
	}
	const text = String(value).replace(/\s+/g, '');
	if (text === '') return null;
	if (isShortCode(text)) return text;
	throw invalidInput(node, itemIndex, 'Short Code', value, 'must be 3 to 8 digits', 'Leave it empty to use the default short code of your 2sms account.');
}

// ---------------------------------------------------------------- Reason (Remove, Add)

/** ASSUMED: Reason is stored in a 255-character column (simulator/assumed.js TWO_SMS_REASON_MAX_LENGTH). */
export const MAX_REASON_LENGTH = 255;

export function reasonField(placeholder: string): INodeProperties {
	return {
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${placeholder}`,
		description: `Why the number's stop-log entry changes. 2sms requires it and keeps it with the entry (at most ${MAX_REASON_LENGTH} characters).`,
	};
}

function checkReason(node: INode, itemIndex: number, value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(node, itemIndex, 'Reason', value, `must be text, got ${typeName(value)}`);
	}
	const reason = String(value).trim();
	if (reason === '') {
		throw invalidInput(node, itemIndex, 'Reason', value, 'is empty: 2sms requires a reason for every stop-log change', 'Say why, e.g. "Opted back in via CRM form".');
	}
	if (reason.length > MAX_REASON_LENGTH) {
		throw invalidInput(node, itemIndex, 'Reason', value, `is ${reason.length} characters long; 2sms keeps at most ${MAX_REASON_LENGTH}`);
	}
	return reason;
}

// ---------------------------------------------------------------- Send Confirmation (Remove, Add)

/** `description` must say that a confirmation costs credits and needs an agreement with 2sms. */
export function sendConfirmationField(description: string): INodeProperties {
	return {
		displayName: 'Send Confirmation',
		name: 'sendConfirmation',
		type: 'boolean',
		default: false,
		description,
	};
}

/**
 * Shown under Send Confirmation while it is on: the tooltip alone was easy to miss, and a
 * confirmation costs money on every number of the run.
 */
export const sendConfirmationNotice: INodeProperties = {
	displayName:
		'Each number will be sent a confirmation SMS: it uses 2sms credits, and 2sms only sends it if your account has signed its separate confirmation agreement',
	name: 'sendConfirmationNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { sendConfirmation: [true] } },
};

function checkSendConfirmation(node: INode, itemIndex: number, value: unknown): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false' || value === '' || value === null || value === undefined) return false;
	throw invalidInput(node, itemIndex, 'Send Confirmation', value, 'must be true or false');
}

// ---------------------------------------------------------------- One item's entry

/** One Check item: the number, and the short code it asks about. */
export interface CheckEntry {
	digits: string;
	shortCode: string | null;
}

/** One Remove or Add item's record, checked and normalised before anything is sent. */
export type StopLogEntry = StopLogChange;

/** Reads and checks the number (and short code) of one Check item. */
export function checkEntryReader(ctx: IExecuteFunctions, defaultCountry: string): (itemIndex: number) => CheckEntry {
	const node = ctx.getNode();
	const phoneNumber = itemParameterReader(ctx, 'phoneNumber');
	const shortCode = itemParameterReader(ctx, 'shortCode', '');
	return (itemIndex: number) => ({
		digits: checkPhoneNumber(node, itemIndex, phoneNumber(itemIndex), defaultCountry),
		shortCode: checkShortCode(node, itemIndex, shortCode(itemIndex)),
	});
}

/** Reads and checks one Remove or Add item; throws a per-item NodeOperationError on bad input. */
export function stopLogEntryReader(ctx: IExecuteFunctions, defaultCountry: string): (itemIndex: number) => StopLogEntry {
	const node = ctx.getNode();
	const numberAndShortCode = checkEntryReader(ctx, defaultCountry);
	const reason = itemParameterReader(ctx, 'reason');
	const sendConfirmation = itemParameterReader(ctx, 'sendConfirmation', false);
	return (itemIndex) => ({
		...numberAndShortCode(itemIndex),
		reason: checkReason(node, itemIndex, reason(itemIndex)),
		sendConfirmation: checkSendConfirmation(node, itemIndex, sendConfirmation(itemIndex)),
	});
}

// ---------------------------------------------------------------- Options (read once per run)

/** ASSUMED: 2sms documents no maximum batch size; 100 records keep one request small and fast. */
export const DEFAULT_BATCH_SIZE = 100;
/** ASSUMED: the most records one request may carry (simulator/assumed.js TWO_SMS_MAX_RECORDS_PER_REQUEST). */
export const MAX_BATCH_SIZE = 1000;
/** ASSUMED: national numbers are most likely British (2sms is a UK gateway; docs/api-notes.md, 2sms "Stop log"). */
export const DEFAULT_COUNTRY = 'GB';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const countryOptions = Object.keys(COUNTRY_RULES)
	.map((code) => ({ name: `${regionNames.of(code) ?? code} (+${COUNTRY_RULES[code].callingCode})`, value: code }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The options every stop-log operation has, before the request options both nodes share. */
export const runOptionFields: INodeProperties[] = [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
		default: DEFAULT_BATCH_SIZE,
		description: 'How many numbers go to 2sms in one request. Items are always answered one by one.',
	},
	{
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		options: countryOptions,
		default: DEFAULT_COUNTRY,
		description: 'Country of numbers written without a country code, e.g. 07700 900123',
	},
];

/** The options of Remove and Add: the stop-log options, then Dry Run (in the order the editor lists them). */
export const changeOptionFields: INodeProperties[] = [...runOptionFields, dryRunOption];

export interface RunOptions {
	defaultCountry: string;
	batchSize: number;
	settings: RequestSettings;
	/** Remove and Add only: read and report what would change, sending no change. */
	dryRun: boolean;
}

/** Options are read once per run (from the first item), not per item. */
export function readRunOptions(ctx: IExecuteFunctions): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		batchSize?: number;
		defaultCountry?: string;
		concurrency?: number;
		maxRetries?: number;
		timeoutMs?: number;
		dryRun?: unknown;
	};
	const batchSize = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE)) || DEFAULT_BATCH_SIZE;
	const country = String(options.defaultCountry ?? DEFAULT_COUNTRY).toUpperCase();
	if (!(country in COUNTRY_RULES)) {
		throw new NodeOperationError(ctx.getNode(), `Default Country "${country}" is not supported`, {
			description: `Choose one of ${Object.keys(COUNTRY_RULES).join(', ')}.`,
		});
	}
	return {
		defaultCountry: country,
		batchSize: Math.min(MAX_BATCH_SIZE, Math.max(1, batchSize)),
		settings: readRequestSettings(options),
		dryRun: readDryRun(ctx.getNode(), options),
	};
}
