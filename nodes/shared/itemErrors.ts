import type { IDataObject, IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HttpFailure } from './httpFailure';
import { redactProviderText } from './redact';

export type ItemError = NodeApiError | NodeOperationError;

export const isItemError = (outcome: unknown): outcome is ItemError =>
	outcome instanceof NodeApiError || outcome instanceof NodeOperationError;

/**
 * What a reader or a piece of work threw for one item, as that item's error: n8n's own errors
 * as they are, anything else with the item's number in front. The node is copied only here, on
 * the error path (`getNode` makes a deep copy per call).
 */
export function asItemError(ctx: IExecuteFunctions, itemIndex: number, error: unknown): ItemError {
	if (isItemError(error)) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
}

/** Adds a line to an item error's details (what reading back showed, an option in force). */
export function withDetail<E extends ItemError>(error: E, line: string): E {
	error.description = error.description ? `${error.description}\n${line}` : line;
	return error;
}

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

/** The first line of an item's error: what happened, in words, with the item number. */
function headline(itemIndex: number, service: string, failure: HttpFailure, said: string): string {
	if (failure.signInProblem !== undefined) return `Item ${itemIndex}: ${said}`;
	if (failure.redirectTo !== undefined) {
		return `Item ${itemIndex}: ${service} answered ${failure.status} with a redirect to ${failure.redirectTo}, which was not followed: redirects are never followed, so that credentials cannot reach another address. Check the Base URL of the credential.`;
	}
	if (failure.tls) return `Item ${itemIndex}: could not connect securely to ${service}: ${failure.summary}`;
	if (failure.status === undefined) return `Item ${itemIndex}: no answer from ${service}: ${failure.summary}`;
	return `Item ${itemIndex}: ${service} answered ${failure.status}: ${said}`;
}

/**
 * A provider's refusal or an unreachable provider, for one item. Built from sanitised parts only:
 * the request (and with it any token) never reaches the error, and the provider's own words are
 * redacted (a provider may echo a credential or a token back; see redact.ts).
 */
export function providerError(
	node: INode,
	itemIndex: number,
	service: string,
	failure: HttpFailure,
	reason: ProviderReason,
	attempts: number,
): NodeApiError {
	const said = redactProviderText(undefined, failure.signInProblem ?? reason.message);
	const fieldErrors = (reason.fieldErrors ?? []).slice(0, 20).map((line) => redactProviderText(undefined, line, 300));
	const message = headline(itemIndex, service, failure, said);
	const lines = [...fieldErrors];
	if (failure.signIn && failure.status !== undefined) lines.push(`It happened while signing in to ${service} (getting a token).`);
	if (failure.notSent) lines.push('Nothing was sent for this item: signing in had already failed in this run.');
	if (failure.networkCode) lines.push(`${failure.tls ? 'TLS' : 'Network'} error ${failure.networkCode}.`);
	if (attempts > 1) lines.push(`Tried ${attempts} times before giving up.`);
	const response: JsonObject = {
		message: said,
		status: failure.status ?? null,
		fields: fieldErrors,
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
