import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { itemParameterReader } from '../../../shared/itemParameter';
import { invalidInput } from '../../../shared/itemErrors';
import { parsePhoneNumber } from '../../../shared/phoneNumber';

/** One item's request, checked and normalised before anything is sent. */
export interface StopLogEntry {
	/** International digits without '+', the form 2sms keys the stop log on. */
	digits: string;
	/** Digits, or null when the item names no short code. */
	shortCode: string | null;
	reason: string;
	sendConfirmation: boolean;
}

/** ASSUMED: Reason is stored in a 255-character column (simulator/assumed.js TWO_SMS_REASON_MAX_LENGTH). */
export const MAX_REASON_LENGTH = 255;

/** ASSUMED: short codes are 3 to 8 digits (UK ones have 5, US ones 5 or 6). */
const SHORT_CODE = /^\d{3,8}$/;

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

function checkPhoneNumber(node: INode, itemIndex: number, value: unknown, defaultCountry: string): string {
	const parsed = parsePhoneNumber(value, defaultCountry);
	if (parsed.ok) return parsed.digits;
	throw invalidInput(node, itemIndex, 'Phone Number', value, parsed.problem,
		`Give a mobile number with its country code (+44 7700 900123) or a national number of the Default Country (${defaultCountry}).`);
}

function checkShortCode(node: INode, itemIndex: number, value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(node, itemIndex, 'Short Code', value, `must be text, got ${typeName(value)}`);
	}
	const text = String(value).replace(/\s+/g, '');
	if (text === '') return null;
	if (SHORT_CODE.test(text)) return text;
	throw invalidInput(node, itemIndex, 'Short Code', value, 'must be 3 to 8 digits', 'Leave it empty to use the default short code of your 2sms account.');
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

function checkSendConfirmation(node: INode, itemIndex: number, value: unknown): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false' || value === '' || value === null || value === undefined) return false;
	throw invalidInput(node, itemIndex, 'Send Confirmation', value, 'must be true or false');
}

/** Reads and checks the number (and short code) of one Check item. */
export function checkEntryReader(ctx: IExecuteFunctions, defaultCountry: string) {
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
