import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { type HttpFailure, isRetryable, NO_REDIRECTS, readHttpFailure } from './httpFailure';
import { pacerOf } from './pacing';
import { type RetryPolicy, retryDelayMs } from './retry';
import { noteTokenWorked, tokenSentWith } from './sharedRenewal';

export type SendResult =
	| { ok: true; status: number; body: unknown; attempts: number; earlierAttemptMayHaveApplied: boolean }
	| { ok: false; failure: HttpFailure; attempts: number; earlierAttemptMayHaveApplied: boolean };

/**
 * Whether an attempt that failed this way may still have been applied by the server: no answer
 * came (the request may have arrived and the answer been lost), the server failed part-way (5xx),
 * or it answered 2xx with a body we could not read. A 429 or another 4xx was refused, not applied.
 */
function mayHaveApplied(failure: HttpFailure): boolean {
	// A failed sign-in: the request itself was not sent, or was refused with 401 first.
	if (failure.signIn) return false;
	return failure.status === undefined || failure.status >= 500;
}

export interface SendOptions {
	policy: RetryPolicy;
	/**
	 * Whether a 2xx body is a real answer. A proxy's HTML page or JSON cut off mid-stream comes
	 * back as a string; such a body is treated like a 5xx (retried, then reported).
	 */
	isUsableBody?: (body: unknown) => boolean;
	/**
	 * The credential signs in for a token that expires (email and password, client credentials).
	 * n8n renews it on a 401 and sends the request once more; if that new token was itself replaced
	 * while the request was under way, the request gets a second 401. Such a 401 is retried up to
	 * twice (retries like any other); a failed sign-in is not, and an API key's 401 never is.
	 */
	renewsToken?: boolean;
}

/** Retries of a 401 whose token was replaced meanwhile; each one brings a fresh sign-in. */
const MAX_STALE_TOKEN_RETRIES = 2;

/**
 * ASSUMED: an answer with one of these statuses comes from behind the authentication, so the
 * token it was sent with works: 2xx, and 4xx other than 401 (refused), 407 (a proxy's) and 429
 * (a rate limit may be enforced before authentication). A 5xx or a 3xx proves nothing. The
 * simulator answers our routes only after checking the token (simulator/opentact/index.js, twoSms/index.js).
 */
function provesToken(status: number): boolean {
	return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 401 && status !== 407 && status !== 429);
}

const isObjectBody = (body: unknown) => typeof body === 'object' && body !== null;

/**
 * One gate per node run: its first request goes out alone and the rest wait for it. With an
 * email/password or client-credentials login, that first request is the one that fetches the
 * token (n8n's `preAuthentication`) and stores it; letting ten go at once would log in ten times.
 */
const firstRequestOfRun = new WeakMap<object, Promise<void>>();

async function passFirstRequestGate<R>(ctx: object, send: () => Promise<R>): Promise<R> {
	const gate = firstRequestOfRun.get(ctx);
	if (gate) {
		await gate;
		return await send();
	}
	let open = () => {};
	firstRequestOfRun.set(ctx, new Promise<void>((resolve) => (open = resolve)));
	try {
		return await send();
	} finally {
		open();
	}
}

/**
 * A sign-in that failed for good in a run (credentials refused, sign-in stopped, an answer
 * without a token, a redirect, or any sign-in failure its retries did not cure): the run's other
 * requests fail with it without being sent. Each would otherwise sign in again (n8n does so
 * before every request while no token is held): a wrong password tried once per item can lock
 * the account, and a wrong address would cost every item its full round of retries.
 */
const failedSignIns = new WeakMap<object, HttpFailure>();

/**
 * The only way our nodes talk HTTP: n8n's `httpRequestWithAuthentication` (credential injection,
 * proxies, token renewal on 401 through the credential's `preAuthentication`), wrapped in retries
 * for 429, 5xx and network failures. Never throws; the caller turns a failure into a per-item
 * error, because one request can serve many items. Never follows a redirect (NO_REDIRECTS).
 * Any node context n8n's request helper accepts will do (a trigger's poll sends through it too).
 */
export async function sendWithRetry(
	ctx: IAllExecuteFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
	options: SendOptions,
): Promise<SendResult> {
	return await passFirstRequestGate(ctx, async () => {
		const failedSignIn = failedSignIns.get(ctx);
		if (failedSignIn) return { ok: false, failure: { ...failedSignIn, notSent: true }, attempts: 0, earlierAttemptMayHaveApplied: false };
		const result = await sendAttempts(ctx, credentialType, request, options);
		if (!result.ok && result.failure.signIn) failedSignIns.set(ctx, result.failure);
		return result;
	});
}

async function sendAttempts(
	ctx: IAllExecuteFunctions,
	credentialType: string,
	request: IHttpRequestOptions,
	{ policy, isUsableBody = isObjectBody, renewsToken = false }: SendOptions,
): Promise<SendResult> {
	const pacer = pacerOf(ctx);
	let retries = 0;
	let staleTokenRetries = 0;
	let rateLimitedMs = 0;
	// A retry of a change that an earlier attempt may have applied can find it "already done":
	// the caller needs to know, so that it does not report the change as someone else's.
	let earlierAttemptMayHaveApplied = false;
	for (let attempt = 1; ; attempt++) {
		const sentAt = await pacer.waitForTurn();
		let failure: HttpFailure;
		// A fresh object per attempt: the credential's authenticate notes on it which token it sent.
		const options: IHttpRequestOptions = { ...request, ...NO_REDIRECTS, json: true, returnFullResponse: true };
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as {
				statusCode: number;
				body: unknown;
			};
			pacer.answered();
			if (isUsableBody(response.body)) {
				if (renewsToken && provesToken(response.statusCode)) noteTokenWorked(tokenSentWith(options));
				return { ok: true, status: response.statusCode, body: response.body, attempts: attempt, earlierAttemptMayHaveApplied };
			}
			failure = {
				status: 502,
				body: response.body,
				summary: 'the server answered with a body that is not the expected JSON',
			};
		} catch (error) {
			failure = readHttpFailure(error);
			if (failure.status !== undefined && failure.status !== 429) pacer.answered();
			if (renewsToken && failure.status !== undefined && !failure.signIn && provesToken(failure.status)) {
				noteTokenWorked(tokenSentWith(options));
			}
		}
		const waitTooLong = (failure.retryAfterMs ?? 0) > policy.maxRetryAfterMs;
		if (failure.status === 429 && !waitTooLong && rateLimitedMs < policy.maxRateLimitWaitMs) {
			// Refused, so not applied: wait out the limit with the whole run, without using a retry,
			// and pace the run from then on (see Pacer). The server's Retry-After exactly: the pause
			// is shared, so jitter would only add idle time to every request of the run.
			const wait = failure.retryAfterMs || retryDelayMs(Math.min(attempt, 6), policy, undefined);
			rateLimitedMs += wait;
			pacer.refused(sentAt, wait);
			continue;
		}
		retries++;
		const staleToken =
			renewsToken && failure.status === 401 && !failure.signIn && staleTokenRetries < MAX_STALE_TOKEN_RETRIES;
		if (staleToken) staleTokenRetries++;
		if ((!staleToken && !isRetryable(failure)) || retries > policy.maxRetries || waitTooLong) {
			return { ok: false, failure, attempts: attempt, earlierAttemptMayHaveApplied };
		}
		if (mayHaveApplied(failure)) earlierAttemptMayHaveApplied = true;
		await sleep(retryDelayMs(retries, policy, failure.retryAfterMs));
	}
}
