import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/options';
import type { HttpFailure } from '../../shared/httpFailure';
import { type ProviderReason, providerError } from '../../shared/itemErrors';
import { sendWithRetry } from '../../shared/sendWithRetry';
import { errorCodeOf, providerReasonOf } from './answers';
import { checkTwoSmsCredentials } from './credential';

export const TWO_SMS_CREDENTIAL = 'twoSmsApi';

/**
 * ASSUMED: a batch refused for its content (an invalid record) answers 400 with the Error
 * envelope and changes nothing, so its records can be sent again in smaller batches.
 * 422 is treated alike in case the API uses the WebDAV code for validation failures.
 */
const CONTENT_REJECTED_STATUSES = new Set([400, 422]);

export interface TwoSmsClient {
	ctx: IExecuteFunctions;
	baseUrl: string;
	settings: RequestSettings;
}

export type TwoSmsAnswer =
	| {
			ok: true;
			body: unknown;
			attempts: number;
			/** An earlier attempt got no answer or a 5xx, so it may have been applied before this answer. */
			earlierAttemptMayHaveApplied: boolean;
	  }
	| {
			ok: false;
			failure: HttpFailure;
			reason: ProviderReason;
			attempts: number;
			/** The API refused the request's content (nothing applied): smaller batches may pass. */
			contentRejected: boolean;
	  };

export interface TwoSmsRequest {
	method: IHttpRequestMethods;
	/** Route below the host root, e.g. `api/v1/addressbook/stoplog`. */
	path: string;
	body?: IDataObject[];
	qs?: IDataObject;
}

/**
 * Reads the credential once per run. One the node refuses before any request (a bad custom URL,
 * an empty Client ID or Secret) throws here, inside the operation's work: runOperation makes it
 * every item's error under Continue On Fail, and the node's error otherwise.
 */
export async function twoSmsClient(ctx: IExecuteFunctions, settings: RequestSettings): Promise<TwoSmsClient> {
	const credentials = await ctx.getCredentials(TWO_SMS_CREDENTIAL);
	try {
		return { ctx, settings, baseUrl: checkTwoSmsCredentials(credentials).baseUrl };
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Fix the 2sms credential: nothing was sent.',
		});
	}
}

/**
 * One call to the 2sms API with retries (429, 5xx, network). Never throws. An answer whose
 * `Error.ErrorCode` is set is a failure even when the HTTP status is 200.
 */
export async function callTwoSms(client: TwoSmsClient, request: TwoSmsRequest): Promise<TwoSmsAnswer> {
	const { ctx, baseUrl, settings } = client;
	const sent = await sendWithRetry(
		ctx,
		TWO_SMS_CREDENTIAL,
		{
			method: request.method,
			url: `${baseUrl}/${request.path}`,
			body: request.body,
			qs: request.qs,
			timeout: settings.timeoutMs,
		},
		{ policy: settings.policy, renewsToken: true },
	);
	if (!sent.ok) {
		const { failure, attempts } = sent;
		const reason = providerReasonOf(failure.body, failure.summary);
		const contentRejected =
			failure.status !== undefined && CONTENT_REJECTED_STATUSES.has(failure.status) && errorCodeOf(failure.body) !== undefined;
		return { ok: false, failure, reason, attempts, contentRejected };
	}
	if (errorCodeOf(sent.body) !== undefined) {
		const failure: HttpFailure = { status: sent.status, body: sent.body, summary: `HTTP ${sent.status} with an error code` };
		return { ok: false, failure, reason: providerReasonOf(sent.body, 'error'), attempts: sent.attempts, contentRejected: false };
	}
	return { ok: true, body: sent.body, attempts: sent.attempts, earlierAttemptMayHaveApplied: sent.earlierAttemptMayHaveApplied };
}

/** The per-item error for an item whose request failed. */
export function twoSmsItemError(
	node: INode,
	itemIndex: number,
	answer: Extract<TwoSmsAnswer, { ok: false }>,
): NodeApiError {
	return providerError(node, itemIndex, '2sms', answer.failure, answer.reason, answer.attempts);
}
