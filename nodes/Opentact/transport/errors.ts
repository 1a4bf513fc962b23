import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactProviderText } from '../../shared/redact';
import { providerReason } from './answers';
import type { FailedAnswer } from './client';

/*
 * Errors of work that is not one item's: activating or deactivating the trigger, a poll, the
 * profile picker. The item errors (client.itemError, unusableAnswer) name an item; these name
 * what was being done instead. Built like them: Opentact's words redacted, the request (and
 * with it any token) never attached.
 */

/** Opentact refused, or could not be reached, while `doing` something ("reading messaging profile …"). */
export function opentactFailure(node: INode, doing: string, answer: FailedAnswer, consequence?: string): NodeApiError {
	const { failure } = answer;
	const reason = providerReason(failure);
	const said = redactProviderText(undefined, failure.signInProblem ?? reason.message);
	let message: string;
	if (failure.signInProblem !== undefined) message = `While ${doing}: ${said}`;
	else if (failure.redirectTo !== undefined) {
		message = `While ${doing}, Opentact answered ${failure.status} with a redirect to ${failure.redirectTo}, which was not followed: redirects are never followed, so that credentials cannot reach another address. Check the Base URL of the credential.`;
	} else if (failure.status === undefined) message = `While ${doing}, no answer came from Opentact: ${failure.summary}`;
	else message = `While ${doing}, Opentact answered ${failure.status}: ${said}`;
	const lines = (reason.fieldErrors ?? []).slice(0, 20).map((line) => redactProviderText(undefined, line, 300));
	if (answer.attempts > 1) lines.push(`Tried ${answer.attempts} times before giving up.`);
	if (consequence) lines.push(consequence);
	const error = new NodeApiError(node, { message: said, status: failure.status ?? null } as JsonObject, {
		message,
		description: lines.length ? lines.join('\n') : undefined,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
	});
	// NodeApiError swaps a message mentioning a network code for its own; keep ours.
	error.message = message;
	return error;
}

/** Opentact answered, but with something that proves nothing (`problem` quotes none of it). */
export function unusableAnswer(node: INode, doing: string, problem: string, consequence?: string): NodeOperationError {
	const message = `While ${doing}, Opentact's answer could not be used: ${problem}`;
	const error = new NodeOperationError(node, message, { description: consequence });
	error.message = message;
	return error;
}
