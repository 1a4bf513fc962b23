import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { checkBaseUrl } from '../../shared/baseUrl';
import { NO_REDIRECTS, SIGN_IN_TIMEOUT_MS, SignInError } from '../../shared/httpFailure';
import { rememberCredentialSecrets } from '../../shared/redact';
import { accountKey, signInOnce } from '../../shared/sharedRenewal';
import { noTokenFailure, type SignInAttempt, signInFailure } from '../../shared/signInError';

/*
 * The 2sms credential's side of the node: where the API is (base URL) and how a token is had
 * (OAuth2 client credentials at POST /Token). The credential file
 * (credentials/TwoSmsApi.credentials.ts) holds the fields, `authenticate` and the Test button,
 * and hands its sign-in step to `signIn` here; the node's client checks the same credential with
 * `checkCredentials` before its first request.
 */

export const CREDENTIAL_TYPE = 'twoSmsApi';

/**
 * The white-label hosts that serve the same 2sms API (FACT: docs/api-notes.md, 2sms "Hosts").
 * Routes hang off the host root, so the base URL is just the origin.
 */
export const TWO_SMS_HOSTS = [
	{ name: 'portal.2sms.com (UK)', value: 'https://portal.2sms.com' },
	{ name: 'plus.2sms.com (UK)', value: 'https://plus.2sms.com' },
	{ name: 'portal.2sms.us (US)', value: 'https://portal.2sms.us' },
] as const;

export const CUSTOM_HOST = 'custom';

/**
 * 2sms's routes hang off the host root (`/Token`, `/api/v1/...`), unlike Opentact's `/rest`: a
 * custom URL that already names the API path would double it, so it is refused with words.
 */
function checkHostRoot(url: string): string {
	const { origin, pathname } = new URL(url);
	const path = pathname.toLowerCase();
	if (path === '/api' || path.endsWith('/api') || path.includes('/api/')) {
		throw new Error(`Custom Base URL "${url}" must be the 2sms host only, without /api (e.g. ${origin})`);
	}
	return url;
}

/**
 * The API root a credential points at, without a trailing slash. Throws an Error saying what to
 * fix when a custom URL is not https (plain http only for this machine) or not a URL at all.
 */
export function baseUrlOf(credentials: { baseUrl?: unknown; customBaseUrl?: unknown }): string {
	if (credentials.baseUrl === CUSTOM_HOST) return checkHostRoot(checkBaseUrl(credentials.customBaseUrl, 'Custom Base URL'));
	return checkBaseUrl(credentials.baseUrl ?? TWO_SMS_HOSTS[0].value, 'Base URL');
}

/** The same choice as an n8n expression, for the credential test's `baseURL`. */
export const BASE_URL_EXPRESSION = `={{$credentials.baseUrl === "${CUSTOM_HOST}" ? $credentials.customBaseUrl : $credentials.baseUrl}}`;

/**
 * A failed token request or a credential to fix (see {@link SignInError}); the Test button shows
 * `response.statusText`, set to the message written for people, or the message itself.
 */
export class TwoSmsSignInError extends SignInError {}

export interface CheckedCredentials {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
}

/**
 * The credential's host and API client, checked; throws what the user must fix. Its values are
 * registered for redaction (redact.ts), so a provider echoing one back is caught.
 */
export function checkCredentials(credentials: ICredentialDataDecryptedObject): CheckedCredentials {
	rememberCredentialSecrets(credentials);
	const baseUrl = baseUrlOf(credentials);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '');
	if (!clientId || !clientSecret) throw new TwoSmsSignInError('2sms credential: enter both the Client ID and the Client Secret');
	return { baseUrl, clientId, clientSecret };
}

const make = (message: string) => new TwoSmsSignInError(message);

/** ASSUMED (docs/api-notes.md, 2sms "Authentication"): the token endpoint refuses in OAuth's words, other 2sms errors in `Message`. */
function tokenSaid(data: unknown): unknown {
	const body = (data ?? {}) as { error?: unknown; error_description?: unknown; Message?: unknown };
	return [body.error_description, body.error, body.Message].find((text) => typeof text === 'string' && text.trim() !== '');
}

/** The token endpoint's refusal in words a user can act on (the provider's words redacted). */
function describeRefusal(thrown: unknown, url: string) {
	const data = (thrown as { response?: { data?: unknown } } | undefined)?.response?.data as { error?: unknown } | undefined;
	const oauthError = typeof data?.error === 'string' && /^[a-z_]{1,40}$/.test(data.error) ? data.error : undefined;
	return (status: number, said: string | undefined): string => {
		if (oauthError === 'invalid_client' || status === 401) {
			return `2sms rejected the Client ID or Client Secret (${oauthError ?? `HTTP ${status}`}). Copy both again from the 2sms portal.`;
		}
		return `2sms answered ${status} when asked for an access token at ${url}${said ? `: ${said}` : ''}. Check the Base URL.`;
	};
}

/** FACT (docs/api-notes.md, 2sms "Authentication"): POST /Token, form body, OAuth2 client credentials; the answer holds `access_token`. */
async function fetchToken(helpers: IHttpRequestHelper['helpers'], checked: CheckedCredentials): Promise<string> {
	const { baseUrl, clientId, clientSecret } = checked;
	const attempt: SignInAttempt = { service: '2sms', url: `${baseUrl}/Token`, secrets: [clientId, clientSecret] };
	const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
	let answer: { statusCode?: number; body?: unknown };
	try {
		answer = (await helpers.httpRequest({
			method: 'POST',
			url: attempt.url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: form.toString(),
			json: true,
			timeout: SIGN_IN_TIMEOUT_MS,
			returnFullResponse: true,
			...NO_REDIRECTS,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		throw signInFailure(make, error, attempt, tokenSaid, describeRefusal(error, attempt.url));
	}
	const token = (answer?.body as { access_token?: unknown } | undefined)?.access_token;
	if (typeof token !== 'string' || token === '') {
		throw noTokenFailure(make, answer?.body, attempt, 'access_token', answer?.statusCode);
	}
	return token;
}

/**
 * Sign-in stopped (sharedRenewal.ts): tokens were refused before any request could use them.
 * No answer travels with it; the item error and the Test button show the sentence.
 */
const signInStopped = (refused: number) =>
	new TwoSmsSignInError(
		`2sms refused the access tokens of ${refused} sign-ins in a row before any request could use them, so sign-in was stopped to avoid locking the API client. Check that this client may use the API and that nothing between n8n and 2sms drops the Authorization header. Sign-in resumes 2 minutes after the last refused request.`,
	);

/**
 * The credential's sign-in step (n8n's `preAuthentication`), run before a request whenever the
 * hidden access token is empty or was refused: a first token, or the renewal shared for the
 * expired one (sharedRenewal.ts, bounded). The credential is checked first, so the secret is
 * never sent over plain http to another machine.
 */
export async function signIn(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<{ accessToken: string }> {
	const checked = checkCredentials(credentials);
	const expired = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	const account = accountKey(checked.baseUrl, checked.clientId, checked.clientSecret);
	return { accessToken: await signInOnce(account, expired, async () => await fetchToken(helpers, checked), signInStopped) };
}
