import type { IExecuteFunctions } from 'n8n-workflow';

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

const PHONE_LABEL = 'Phone Number';

export function readPhoneNumber(ctx: IExecuteFunctions, itemIndex: number, defaultCountry: string): string {
	const value = ctx.getNodeParameter('phoneNumber', itemIndex);
	const parsed = parsePhoneNumber(value, defaultCountry);
	if (!parsed.ok) {
		throw invalidInput(ctx.getNode(), itemIndex, PHONE_LABEL, value, parsed.problem,
			`Give a mobile number with its country code (+44 7700 900123) or a national number of the Default Country (${defaultCountry}).`);
	}
	return parsed.digits;
}

export function readShortCode(ctx: IExecuteFunctions, itemIndex: number): string | null {
	const value = ctx.getNodeParameter('shortCode', itemIndex, '');
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(ctx.getNode(), itemIndex, 'Short Code', value, `must be text, got ${typeof value}`);
	}
	const text = String(value).replace(/\s+/g, '');
	if (text === '') return null;
	if (!SHORT_CODE.test(text)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Short Code', value, 'must be 3 to 8 digits', 'Leave it empty to use the short code of your 2sms account.');
	}
	return text;
}

function readReason(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = ctx.getNodeParameter('reason', itemIndex);
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(ctx.getNode(), itemIndex, 'Reason', value, `must be text, got ${value === null ? 'null' : typeof value}`);
	}
	const reason = String(value).trim();
	if (reason === '') {
		throw invalidInput(ctx.getNode(), itemIndex, 'Reason', value, 'is empty: 2sms requires a reason for every stop-log change', 'Say why, e.g. "Opted back in via CRM form".');
	}
	if (reason.length > MAX_REASON_LENGTH) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Reason', value, `is ${reason.length} characters long; 2sms keeps at most ${MAX_REASON_LENGTH}`);
	}
	return reason;
}

function readSendConfirmation(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const value = ctx.getNodeParameter('sendConfirmation', itemIndex, false);
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false' || value === '' || value === null || value === undefined) return false;
	throw invalidInput(ctx.getNode(), itemIndex, 'Send Confirmation', value, 'must be true or false');
}

/** Reads and checks one item of Remove or Add; throws a per-item NodeOperationError on bad input. */
export function readStopLogEntry(ctx: IExecuteFunctions, itemIndex: number, defaultCountry: string): StopLogEntry {
	return {
		digits: readPhoneNumber(ctx, itemIndex, defaultCountry),
		shortCode: readShortCode(ctx, itemIndex),
		reason: readReason(ctx, itemIndex),
		sendConfirmation: readSendConfirmation(ctx, itemIndex),
	};
}
