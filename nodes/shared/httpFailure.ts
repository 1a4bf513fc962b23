import { parseRetryAfter } from './retry';

/** What went wrong with one HTTP exchange, read off whatever n8n's request helper threw. */
export interface HttpFailure {
	/** HTTP status when a response came back. */
	status?: number;
	/** Parsed (or raw text) response body when there was one. */
	body?: unknown;
	/** Server-requested wait, from Retry-After. */
	retryAfterMs?: number;
	/** Socket-level failure code (ECONNRESET, ETIMEDOUT, …) when no response came back. */
	networkCode?: string;
	/** Short, secret-free description for messages. */
	summary: string;
	/** The failure came from signing in (getting a token), not from the request itself. */
	signIn?: boolean;
}

/**
 * How long a login or token request may take. The credential cannot see the node's Timeout
 * option, and without a limit a login the server never answers would hold every request of the
 * run (they all wait for the token) for ever. A timed-out login is retried like a network error.
 */
export const SIGN_IN_TIMEOUT_MS = 10_000;

/**
 * A failed sign-in (login or token request), thrown by a credential's preAuthentication without
 * the request attached: axios keeps the password or client secret in `error.config`, so only the
 * status, Retry-After, the provider's body and a network code travel on. Its name lets the
 * retry logic tell "the token was refused" from "no token could be had".
 */
export class SignInError extends Error {
	override name = 'SignInError';

	response?: { status: number; statusText: string; headers: Record<string, unknown>; data: unknown };

	code?: string;
}

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'UND_ERR_SOCKET',
	'ERR_BAD_RESPONSE',
]);

interface ResponseLike {
	status?: number;
	statusCode?: number;
	headers?: Record<string, unknown>;
	data?: unknown;
	body?: unknown;
}

interface ErrorLike {
	name?: string;
	httpCode?: string | null;
	code?: string;
	message?: string;
	response?: ResponseLike;
	cause?: ErrorLike;
	context?: { data?: unknown };
}

/** Walks the error and its causes for the first response object (axios-style). */
function findResponse(error: ErrorLike | undefined): ResponseLike | undefined {
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
		if (e.response && typeof e.response === 'object') return e.response;
	}
	return undefined;
}

function findNetworkCode(error: ErrorLike | undefined): string | undefined {
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
		if (e.code && NETWORK_CODES.has(e.code)) return e.code;
		if (typeof e.message === 'string') {
			if (/socket hang up|ECONNRESET/i.test(e.message)) return 'ECONNRESET';
			if (/timeout|timed out/i.test(e.message)) return 'ETIMEDOUT';
		}
	}
	return undefined;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function isSignInFailure(error: ErrorLike | undefined): boolean {
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) if (e.name === 'SignInError') return true;
	return false;
}

/** Reads a thrown request error into an {@link HttpFailure}, never copying request config or headers. */
export function readHttpFailure(thrown: unknown): HttpFailure {
	const failure = readFailure((thrown ?? {}) as ErrorLike);
	if (isSignInFailure(thrown as ErrorLike)) failure.signIn = true;
	return failure;
}

function readFailure(error: ErrorLike): HttpFailure {
	const response = findResponse(error);
	const statusText = response?.status ?? response?.statusCode ?? Number(error.httpCode);
	const status = Number.isInteger(statusText) && Number(statusText) >= 100 ? Number(statusText) : undefined;
	if (status !== undefined) {
		return {
			status,
			body: response?.data ?? response?.body ?? error.context?.data,
			retryAfterMs: parseRetryAfter(headerValue(response?.headers, 'retry-after')),
			summary: `HTTP ${status}`,
		};
	}
	const networkCode = findNetworkCode(error);
	return { networkCode, summary: NETWORK_WORDS[networkCode ?? ''] ?? 'the request failed on the network' };
}

/**
 * Plain words for a failure without an answer. The code itself stays out of messages: n8n's
 * NodeApiError replaces any message containing ECONNRESET, ETIMEDOUT, … with its own generic
 * sentence, which would drop the item number.
 */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was dropped before an answer came',
	EPIPE: 'the connection was dropped before an answer came',
	UND_ERR_SOCKET: 'the connection was dropped before an answer came',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ESOCKETTIMEDOUT: 'no answer within the timeout',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
	ERR_BAD_RESPONSE: 'the answer could not be read',
};

/** 429, any 5xx and connection failures are worth another try; other 4xx never are. */
export function isRetryable(failure: HttpFailure): boolean {
	if (failure.status === undefined) return true;
	return failure.status === 429 || failure.status >= 500;
}
