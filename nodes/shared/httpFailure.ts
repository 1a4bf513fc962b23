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
	/**
	 * Set on a 3xx: the origin (scheme, host, port; never path or query) the server wanted us to
	 * go to, or a phrase saying there was none. Redirects are never followed (see
	 * {@link NO_REDIRECTS}), so a 3xx is a failure that names where it pointed.
	 */
	redirectTo?: string;
	/** The connection failed its TLS check (certificate or protocol): retrying cannot help. */
	tls?: boolean;
	/**
	 * A sign-in that failed without an answer worth quoting (a 200 without a token, sign-in
	 * stopped, a credential refused before sending): our sentence, already redacted. Not retried.
	 */
	signInProblem?: string;
	/** The request was not sent: signing in had already failed for good in this run. */
	notSent?: boolean;
	/** Overrides the usual rule (see {@link isRetryable}) where the failure knows better. */
	retryable?: boolean;
}

/**
 * Options every request of ours carries, sign-in and credential test included: a redirect is
 * never followed. n8n's helper otherwise follows it and, by default, restores credentials on a
 * hop to another origin (and to plain http://). `disableFollowRedirect` is what n8n 1.x and 2.x
 * map to axios `maxRedirects: 0`; `sendCredentialsOnCrossOriginRedirect: false` is a second
 * guard for a helper that follows anyway.
 */
export const NO_REDIRECTS = { disableFollowRedirect: true, sendCredentialsOnCrossOriginRedirect: false } as const;

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
/** See {@link SignInError.code}. */
export const SIGN_IN_REFUSED = 'SIGN_IN_REFUSED';

export class SignInError extends Error {
	override name = 'SignInError';

	response?: { status: number; statusText: string; headers: Record<string, unknown>; data: unknown };

	/**
	 * The socket-level code when no answer came (ECONNREFUSED, …). Deliberately not `code`: n8n's
	 * credential Test shows an error's `code` instead of its message, and swaps a message for its
	 * own sentence when `code` is a known one, so the user would read "ECONNREFUSED" rather than
	 * which address did not answer.
	 */
	networkCode?: string;

	/**
	 * Set to {@link SIGN_IN_REFUSED} when an answer came. n8n 1.x wraps this error in a
	 * NodeApiError that loses it as `cause` and derives an HTTP code from the first `code` or
	 * `status` property it finds: found as the status (e.g. 400), it replaces our sentence with
	 * its generic one ("Bad request - please check your parameters"); found as this code, which no
	 * n8n table knows, it keeps our sentence. n8n 2.x reads `response.statusText` first.
	 */
	code?: string;

	/** The certificate or TLS handshake was refused: not worth retrying. */
	tls?: boolean;

	/**
	 * Worth another try although no network code explains it: a 2xx whose body could not be
	 * read (an HTML page, JSON cut off mid-stream), retried like a 5xx, as for any request.
	 */
	retryable?: boolean;
}

/**
 * TLS failures: the server answered, but not with a certificate (or protocol) we can trust.
 * Retrying cannot help, and the user must hear that it is the certificate.
 */
const TLS_WORDS: Record<string, string> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
	SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate chain ends in a self-signed certificate",
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate could not be verified",
	UNABLE_TO_GET_ISSUER_CERT: "the issuer of the server's certificate is unknown",
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the issuer of the server's certificate is unknown",
	CERT_HAS_EXPIRED: "the server's certificate has expired",
	CERT_NOT_YET_VALID: "the server's certificate is not valid yet",
	CERT_UNTRUSTED: "the server's certificate is not trusted",
	CERT_REVOKED: "the server's certificate was revoked",
	ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host name",
	EPROTO: 'the secure connection could not be set up (is it an https:// address?)',
	ERR_SSL_WRONG_VERSION_NUMBER: 'the secure connection could not be set up (is it an https:// address?)',
};

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
	networkCode?: string;
	tls?: boolean;
	retryable?: boolean;
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
	// A failed sign-in says itself whether the network was at fault; its message (copied onto
	// n8n's wrapper) is our sentence and may mention a timeout without being one.
	const signIn = findSignInError(error);
	if (signIn) return signIn.networkCode;
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
		const code = e.networkCode ?? e.code;
		if (code && (NETWORK_CODES.has(code) || code in TLS_WORDS)) return code;
		if (typeof e.message === 'string') {
			// Only the head of a message is read: it is ours or the socket library's, never long.
			const head = e.message.slice(0, 200);
			if (/socket hang up|ECONNRESET/i.test(head)) return 'ECONNRESET';
			if (/timeout|timed out/i.test(head)) return 'ETIMEDOUT';
		}
	}
	return undefined;
}

/** A response header by its lower-case name, whatever case the server wrote it in. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function findSignInError(error: ErrorLike | undefined): ErrorLike | undefined {
	for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) if (e.name === 'SignInError') return e;
	return undefined;
}

/**
 * Where a 3xx pointed, as an origin only (a query may carry anything). A relative Location stays
 * on the same server; one that is not a web address is named as such.
 */
export function redirectTarget(location: unknown): string {
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string' || text.trim() === '') return 'nowhere (no Location given)';
	const trimmed = text.trim().slice(0, 2048);
	if (!URL.canParse(trimmed)) return 'another path on the same server';
	const url = new URL(trimmed);
	return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `a ${url.protocol} address`;
}

/** Reads a thrown request error into an {@link HttpFailure}, never copying request config or headers. */
export function readHttpFailure(thrown: unknown): HttpFailure {
	const error = (thrown ?? {}) as ErrorLike;
	const signIn = findSignInError(error);
	const failure = readFailure(error);
	if (signIn) {
		failure.signIn = true;
		// No answer and no network trouble: the sign-in itself found something wrong (our words).
		if (failure.status === undefined && failure.networkCode === undefined && typeof signIn.message === 'string') {
			failure.signInProblem = signIn.message;
			failure.summary = signIn.message;
			failure.retryable = signIn.retryable === true;
		}
	}
	return failure;
}

function readFailure(error: ErrorLike): HttpFailure {
	const response = findResponse(error);
	const statusText = response?.status ?? response?.statusCode ?? Number(error.httpCode);
	const status = Number.isInteger(statusText) && Number(statusText) >= 100 ? Number(statusText) : undefined;
	if (status !== undefined) {
		const failure: HttpFailure = {
			status,
			body: response?.data ?? response?.body ?? error.context?.data,
			retryAfterMs: parseRetryAfter(headerValue(response?.headers, 'retry-after')),
			summary: `HTTP ${status}`,
		};
		if (status >= 300 && status < 400) failure.redirectTo = redirectTarget(headerValue(response?.headers, 'location'));
		return failure;
	}
	const networkCode = findNetworkCode(error);
	if (networkCode && networkCode in TLS_WORDS) return { networkCode, tls: true, summary: TLS_WORDS[networkCode] };
	return { networkCode, summary: NETWORK_WORDS[networkCode ?? ''] ?? 'the request failed on the network' };
}

/** Plain words for a socket-level code (network or TLS), for sign-in messages. */
export function networkWords(code: string | undefined): { words: string; tls: boolean } {
	if (code && code in TLS_WORDS) return { words: TLS_WORDS[code], tls: true };
	return { words: NETWORK_WORDS[code ?? ''] ?? 'the request failed on the network', tls: false };
}

/** A socket-level code found on a thrown error (or its causes), network or TLS. */
export function networkCodeOf(thrown: unknown): string | undefined {
	return findNetworkCode((thrown ?? {}) as ErrorLike);
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
	ECONNREFUSED: 'the connection was refused (nothing is answering at that address)',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
	ERR_BAD_RESPONSE: 'the answer could not be read',
};

/**
 * 429, any 5xx and connection failures are worth another try; other 4xx never are, nor a 3xx
 * (a redirect we do not follow), a TLS refusal, or a sign-in that failed for a reason of its own.
 */
export function isRetryable(failure: HttpFailure): boolean {
	if (failure.retryable !== undefined) return failure.retryable;
	if (failure.tls || failure.signInProblem !== undefined) return false;
	if (failure.status === undefined) return true;
	return failure.status === 429 || failure.status >= 500;
}
