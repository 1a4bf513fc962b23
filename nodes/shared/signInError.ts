import {
	SIGN_IN_REFUSED,
	headerValue,
	networkCodeOf,
	networkWords,
	redirectTarget,
	type SignInError,
} from './httpFailure';
import { type RedactionSource, redactProviderJson, redactProviderText } from './redact';

/**
 * The one builder of sign-in errors (Opentact's login, 2sms's token request): both credentials
 * throw what it makes, the nodes read it (readHttpFailure), and n8n's credential Test shows it.
 *
 * The Test shows, in this order: a rule's message for the status, else `response.statusText`,
 * else the message. So an answer's status travels in `response` (with our sentence as its
 * statusText), a missing answer travels without one (the sentence is the message), and nothing
 * here sets `code`, which the Test would show instead. Provider text is redacted before it is
 * used; the request (and with it the password or client secret axios keeps in `config`) never
 * travels on.
 */
export interface SignInAttempt {
	/** "Opentact", "2sms". */
	service: string;
	/** The sign-in URL, without secrets: named in messages by its origin. */
	url: string;
	/** Credential values to hide from provider text, besides the registry (see redact.ts). */
	secrets: RedactionSource;
}

/** A service's own sentence for a refusal with an HTTP status, given the provider's words. */
export type DescribeRefusal = (status: number, said: string | undefined) => string | undefined;

interface ThrownRequest {
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/** Origin of a URL we built ourselves (checked base URL + route). */
export function originOf(url: string): string {
	return URL.canParse(url) ? new URL(url).origin : url;
}

/**
 * The error for a sign-in request that threw: no answer (network or TLS, in words), a redirect
 * (named by its target's origin, never followed), or a refusal with a status (the service's
 * sentence via `describe`, else a generic one with the provider's redacted words).
 */
export function signInFailure<E extends SignInError>(
	make: (message: string) => E,
	thrown: unknown,
	attempt: SignInAttempt,
	saidOf: (data: unknown) => unknown,
	describe: DescribeRefusal = () => undefined,
): E {
	const { service, url, secrets } = attempt;
	const origin = originOf(url);
	const response = (thrown as ThrownRequest | undefined)?.response;
	const status = typeof response?.status === 'number' ? response.status : undefined;
	if (status === undefined) {
		const code = networkCodeOf(thrown);
		const { words, tls } = networkWords(code);
		const error = make(
			tls
				? `Could not connect securely to ${service} at ${origin} to sign in: ${words}. Check the Base URL; the server needs a valid certificate.`
				: `Could not reach ${service} at ${origin} to sign in: ${words}. Check the Base URL.`,
		);
		if (code) error.networkCode = code;
		if (tls) error.tls = true;
		return error;
	}
	const rawSaid = saidOf(response?.data);
	const said = typeof rawSaid === 'string' && rawSaid.trim() !== '' ? redactProviderText(secrets, rawSaid.trim(), 300) : undefined;
	let message: string;
	if (status >= 300 && status < 400) {
		message = `${service}'s sign-in at ${origin} answered ${status} with a redirect to ${redirectTarget(headerValue(response?.headers, 'location'))}, which was not followed: redirects are never followed, so that your credentials cannot reach another address. Check the Base URL.`;
	} else if (status === 404) {
		message = `There is no ${service} API at ${origin}: its sign-in (${url}) answered 404 Not Found. Check the Base URL.`;
	} else {
		message = describe(status, said) ?? `${service}'s sign-in at ${origin} answered ${status}${said ? `: ${said}` : ''}`;
	}
	const error = make(message);
	error.code = SIGN_IN_REFUSED;
	const retryAfter = headerValue(response?.headers, 'retry-after');
	const location = headerValue(response?.headers, 'location');
	const headers: Record<string, unknown> = {};
	if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
	if (location !== undefined) headers.location = redirectTarget(location);
	error.response = { status, statusText: message, headers, data: redactProviderJson(secrets, response?.data) };
	return error;
}

/**
 * A sign-in that answered 2xx without a token: say what came back. JSON without a token is not
 * retried (the same address would answer the same); a body that is not JSON (an HTML page, or
 * JSON cut off mid-stream) is retried like a 5xx, as any request's unreadable body is, and
 * reported in these words when the retries run out. `answer` is the parsed body (a string when
 * it was not JSON).
 */
export function noTokenFailure<E extends SignInError>(
	make: (message: string) => E,
	answer: unknown,
	attempt: SignInAttempt,
	tokenField: string,
	status = 200,
): E {
	const isJsonObject = typeof answer === 'object' && answer !== null && !Array.isArray(answer);
	const what = isJsonObject ? `the answer had no ${tokenField}` : `the answer was not ${attempt.service} JSON`;
	const error = make(`${attempt.service}'s sign-in at ${originOf(attempt.url)} answered ${status} without a token (${what}). Check the Base URL.`);
	if (!isJsonObject) error.retryable = true;
	return error;
}
