import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HttpFailure } from './httpFailure';

export type ItemError = NodeApiError | NodeOperationError;

/** Echoes a user's value into a message without flooding it. */
export function quoteValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return `"${short}"`;
}

/** Nothing there: undefined, null, or text that is only blanks. */
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Bad input, found before any request is sent for the item: names the item, the field (as the
 * user sees it in the editor) and what is wrong with the value. A blank value is not quoted
 * ("Item 0: Phone Number is empty", not `Phone Number nothing is empty`).
 */
export function invalidInput(
	node: INode,
	itemIndex: number,
	fieldLabel: string,
	value: unknown,
	problem: string,
	hint?: string,
): NodeOperationError {
	const shown = isBlank(value) ? '' : ` ${quoteValue(value)}`;
	return new NodeOperationError(node, `Item ${itemIndex}: ${fieldLabel}${shown} ${problem}`, {
		itemIndex,
		description: hint,
	});
}


export interface ProviderReason {
	/** The provider's own words, e.g. Opentact's `message` or 2sms's `ErrorReason`. */
	message: string;
	/** Field-level complaints ("query.tn_lease: invalid uuid"). */
	fieldErrors?: string[];
}

/**
 * A provider's refusal or an unreachable provider, for one item. Built from sanitised parts only:
 * the request (and with it any token) never reaches the error.
 */
export function providerError(
	node: INode,
	itemIndex: number,
	service: string,
	failure: HttpFailure,
	reason: ProviderReason,
	attempts: number,
): NodeApiError {
	const message =
		failure.status === undefined
			? `Item ${itemIndex}: no answer from ${service}: ${failure.summary}`
			: `Item ${itemIndex}: ${service} answered ${failure.status}: ${reason.message}`;
	const lines = [...(reason.fieldErrors ?? [])];
	if (failure.networkCode) lines.push(`Network error ${failure.networkCode}.`);
	if (attempts > 1) lines.push(`Tried ${attempts} times before giving up.`);
	const response: JsonObject = {
		message: reason.message,
		status: failure.status ?? null,
		fields: reason.fieldErrors ?? [],
	};
	const error = new NodeApiError(node, response, {
		message,
		description: lines.length ? lines.join('\n') : undefined,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
	// NodeApiError swaps a message that mentions a network code (a provider's free text may) for
	// a generic sentence without the item number; the user needs ours.
	error.message = message;
	return error;
}

/**
 * The json an error item carries on the regular or the error output. Exactly `error` and
 * `message`: the one shape both n8n 1.x (only `{error}` or `{error, message}`) and 2.x route to
 * the error output, with the input item's fields merged in there.
 */
export function errorItemJson(error: ItemError): IDataObject {
	const httpCode = error instanceof NodeApiError ? error.httpCode : null;
	const detail = [httpCode ? `HTTP ${httpCode}` : '', error.description ?? ''].filter(Boolean);
	return {
		error: error.message,
		message: detail.length ? detail.join('; ').replace(/\n/g, '; ') : error.message,
	};
}
