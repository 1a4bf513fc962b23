import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../../shared/itemErrors';
import { itemParameterReader } from '../../../shared/itemParameter';
import { readRequestSettings, type RequestSettings } from '../../../shared/options';
import { parseNanpNumber } from '../../../shared/phoneNumber';
import { isUuid } from '../../transport/answers';
import { messagingProfileField } from '../messagingProfile/fields';

/*
 * Every field of the Phone Number operations, each beside the reader that checks it. Readers are
 * made once per run (the shared fast path reads `{{ $json.phone }}` straight off the item); each
 * call checks one item's value and throws that item's NodeOperationError when it is unusable.
 */

// ---------------------------------------------------------------- Phone Number

/** The number (or lease UUID) field, worded for the operation using it. */
export function phoneNumberField(action: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+1 201-777-1234',
		description: `The US or Canadian number to ${action}, or its lease UUID. Each number is looked up, and each lease changed, once per run, however many items repeat it.`,
		hint: 'Any common US or Canadian format: +1 201-777-1234, (201) 777-1234, 12017771234; or the lease UUID',
	};
}

/** What the Phone Number field named: a lease by its UUID, or a US/CA number to resolve. */
export type LeaseTarget =
	| { kind: 'uuid'; uuid: string }
	| { kind: 'number'; tn: string; e164: string };

/** Hex with dashes and at least one letter: meant as a UUID, not as a phone number. */
const UUID_ATTEMPT = /^(?=.*[a-f])[0-9a-f-]{8,}$/i;

const PHONE_NUMBER_LABEL = 'Phone Number';

/** A reader of the Phone Number field: a lease UUID, or a US/CA number. */
export function leaseTargetReader(ctx: IExecuteFunctions): (itemIndex: number) => LeaseTarget {
	const readValue = itemParameterReader(ctx, 'phoneNumber');
	const node = ctx.getNode();
	return (itemIndex) => {
		const value = readValue(itemIndex);
		const text = typeof value === 'string' ? value.trim() : value;
		if (text === '' || text === undefined || text === null) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, 'is empty', 'Map a phone number or lease UUID from the input, e.g. {{ $json.phone }}');
		}
		if (typeof text === 'string' && isUuid(text)) return { kind: 'uuid', uuid: text.toLowerCase() };
		if (typeof text === 'string' && UUID_ATTEMPT.test(text)) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, 'is not a valid lease UUID (expected 8-4-4-4-12 hexadecimal digits)');
		}
		const parsed = parseNanpNumber(text);
		if (!parsed.ok) {
			throw invalidInput(node, itemIndex, PHONE_NUMBER_LABEL, value, parsed.problem, 'Use a US or Canadian number such as +1 201-777-1234, or a lease UUID');
		}
		return { kind: 'number', tn: parsed.digits, e164: parsed.e164 };
	};
}

// ---------------------------------------------------------------- Messaging Profile ID, SMS Campaign ID (Enable SMS)

/** The shared profile picker (a workflow saved when this was a text field keeps its value). */
export const messagingProfileIdField: INodeProperties = messagingProfileField(
	'messagingProfileId',
	'The messaging profile the number sends with (Opentact portal, Messaging → Profiles)',
);

export const smsCampaignIdField: INodeProperties = {
	displayName: 'SMS Campaign ID',
	name: 'smsCampaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'be79e81d-aba9-4291-b1ba-595b8077c63a',
	description: 'UUID of the registered 10DLC campaign the number is attached to',
};

/** A reader of a field that must hold a UUID (messaging profile, campaign). */
export function uuidFieldReader(ctx: IExecuteFunctions, name: string, label: string): (itemIndex: number) => string {
	const readValue = itemParameterReader(ctx, name);
	const node = ctx.getNode();
	return (itemIndex) => {
		const value = readValue(itemIndex);
		const text = typeof value === 'string' ? value.trim() : '';
		if (text === '') throw invalidInput(node, itemIndex, label, value, 'is empty');
		if (!isUuid(text)) {
			throw invalidInput(node, itemIndex, label, value, 'is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)');
		}
		return text.toLowerCase();
	};
}

// ---------------------------------------------------------------- Return All, Limit, Number Filter (Get Many)

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Limit as a whole number of 1 or more; an expression may give text, which must be digits. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isFinite(number) || number < 1) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Limit', value, 'is not a whole number of 1 or more', 'Set Limit to how many numbers to return, or turn on Return All');
	}
	return Math.floor(number);
}

export const numberFilterField: INodeProperties = {
	displayName: 'Number Filter',
	name: 'numberFilter',
	type: 'string',
	default: '',
	placeholder: '1201777*',
	description: 'Only numbers matching this pattern: 11 digits, with * standing for any digits (1201* = area code 201). Empty lists every leased number.',
};

/** An 11-digit number is the most a filter can match; more digits is a mistake, not a pattern. */
const MAX_FILTER_DIGITS = 11;

/** "+1 (201) 777-*" → "1201777*"; a full number without wildcard is normalised like any other. */
export function readNumberFilter(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = ctx.getNodeParameter('numberFilter', itemIndex, '') as unknown;
	const text = String(value ?? '').replace(/[\s\-.()+]/g, '');
	if (text === '') return undefined;
	if (!/^[\d*]+$/.test(text)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, 'may only hold digits and * wildcards');
	}
	if (text.includes('*')) {
		if (text.replace(/\*/g, '').length > MAX_FILTER_DIGITS) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, `has more than ${MAX_FILTER_DIGITS} digits, so no number can match it`);
		}
		// "1201**" means what "1201*" means; one star per gap keeps the pattern short.
		return text.replace(/\*+/g, '*');
	}
	const parsed = parseNanpNumber(text);
	if (!parsed.ok) throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, parsed.problem);
	return parsed.digits;
}

// ---------------------------------------------------------------- Simplify, Options (read once per run)

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: "Whether to return a trimmed version of Opentact's answer instead of the full object",
};

export interface RunOptions {
	settings: RequestSettings;
	simplify: boolean;
	/** The operation's own options (e.g. failIfAlreadyDisabled). */
	options: Record<string, unknown>;
}

/**
 * Run-wide settings, read once from the first item: concurrency and retries shape the whole run,
 * and reading them per item would cost an expression evaluation each for 10,000 items.
 */
export function readRunOptions(ctx: IExecuteFunctions): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return {
		settings: readRequestSettings(options),
		simplify: ctx.getNodeParameter('simplify', 0, true) as boolean,
		options,
	};
}
