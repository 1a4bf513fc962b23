import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IPollFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HttpFailure } from '../../shared/httpFailure';
import { type ProviderReason, providerError } from '../../shared/itemErrors';
import type { RequestSettings } from '../../shared/options';
import { withCredentialOnce } from '../../shared/credentialOnce';
import { sendWithRetry } from '../../shared/sendWithRetry';
import { errorCodeOf, isContentRejected, providerReasonOf } from './answers';
import { CREDENTIAL_TYPE, checkCredentials } from './credential';

export interface TwoSmsRequest {
	method: IHttpRequestMethods;
	/** Route below the host root, e.g. `api/v1/addressbook/stoplog`. */
	path: string;
	body?: IDataObject[];
	qs?: IDataObject;
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

export type FailedAnswer = Extract<TwoSmsAnswer, { ok: false }>;

/** The one object the 2sms node talks HTTP through (the Opentact node's client has the same shape). */
export interface TwoSmsClient {
	settings: RequestSettings;
	/**
	 * One call to the 2sms API with retries (429, 5xx, network); never throws. An answer whose
	 * `Error.ErrorCode` is set is a failure even when the HTTP status is 200.
	 */
	send(request: TwoSmsRequest): Promise<TwoSmsAnswer>;
	/** The item's error for a failed answer, in 2sms's words; `note` adds ours after them. */
	itemError(itemIndex: number, answer: FailedAnswer, note?: string): NodeApiError;
	/** The item's error for an accepted request whose answer proves nothing about it, in words. */
	unusableAnswer(itemIndex: number, problem: string, attempts?: number): NodeApiError;
	/** A poll's error for a failed answer: the same words without an item number (a poll has no items). */
	pollError(answer: FailedAnswer): NodeApiError;
	/** A poll's error for answers it cannot use, in words. */
	unusablePollAnswer(problem: string, attempts?: number): NodeApiError;
}

/** A 200 whose words could not be used: the status the item's error names. */
const OK_ANSWER: HttpFailure = { status: 200, summary: 'HTTP 200' };

/** The item error's words as a poll's: without "Item 0: " and without an item index. */
function asPollError(error: NodeApiError): NodeApiError {
	error.message = error.message.replace(/^Item 0: /, '');
	delete error.context.itemIndex;
	return error;
}

/**
 * The only place the 2sms node talks HTTP. The credential is read once per run, and every request
 * carries that copy instead of n8n reading it again (credentialOnce.ts); one the node
 * refuses before any request (a bad custom URL, an empty Client ID or Secret) throws here, inside
 * the operation's work: runOperation makes it every item's error under Continue On Fail, and the
 * node's error otherwise.
 */
export async function openClient(ctx: IExecuteFunctions | IPollFunctions, settings: RequestSettings): Promise<TwoSmsClient> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let baseUrl: string;
	try {
		({ baseUrl } = checkCredentials(credentials));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Fix the 2sms credential: nothing was sent.',
		});
	}
	const node = ctx.getNode();
	const sender = withCredentialOnce(ctx, CREDENTIAL_TYPE, credentials);

	return {
		settings,
		async send(request) {
			const sent = await sendWithRetry(
				sender,
				CREDENTIAL_TYPE,
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
				return { ok: false, failure, reason, attempts, contentRejected: isContentRejected(failure) };
			}
			if (errorCodeOf(sent.body) !== undefined) {
				const failure: HttpFailure = { status: sent.status, body: sent.body, summary: `HTTP ${sent.status} with an error code` };
				return { ok: false, failure, reason: providerReasonOf(sent.body, 'error'), attempts: sent.attempts, contentRejected: false };
			}
			return { ok: true, body: sent.body, attempts: sent.attempts, earlierAttemptMayHaveApplied: sent.earlierAttemptMayHaveApplied };
		},
		itemError(itemIndex, answer, note) {
			const { failure, reason, attempts } = answer;
			const said = note === undefined ? reason : { ...reason, message: `${reason.message}; ${note}` };
			return providerError(node, itemIndex, '2sms', failure, said, attempts);
		},
		unusableAnswer(itemIndex, problem, attempts = 1) {
			return providerError(node, itemIndex, '2sms', OK_ANSWER, { message: problem }, attempts);
		},
		pollError(answer) {
			return asPollError(providerError(node, 0, '2sms', answer.failure, answer.reason, answer.attempts));
		},
		unusablePollAnswer(problem, attempts = 1) {
			return asPollError(providerError(node, 0, '2sms', OK_ANSWER, { message: problem }, attempts));
		},
	};
}
