import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { NO_REDIRECTS, SIGN_IN_TIMEOUT_MS, SignInError } from '../../shared/httpFailure';
import { rememberCredentialSecrets } from '../../shared/redact';
import { fingerprint, signInOnce } from '../../shared/sharedRenewal';
import { noTokenFailure, type SignInAttempt, signInFailure } from '../../shared/signInError';
import { twoSmsBaseUrl } from './baseUrl';

/**
 * A failed token request or a credential to fix (see {@link SignInError}); the Test button shows
 * `response.statusText`, set to the message written for people, or the message itself.
 */
export class TwoSmsTokenError extends SignInError {}

export interface CheckedTwoSmsCredentials {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
}

/**
 * The credential's host and API client, checked; throws what the user must fix. Its values are
 * registered for redaction (redact.ts), so a provider echoing one back is caught.
 */
export function checkTwoSmsCredentials(credentials: ICredentialDataDecryptedObject): CheckedTwoSmsCredentials {
	rememberCredentialSecrets(credentials);
	const baseUrl = twoSmsBaseUrl(credentials);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '');
	if (!clientId || !clientSecret) throw new TwoSmsTokenError('2sms credential: enter both the Client ID and the Client Secret');
	return { baseUrl, clientId, clientSecret };
}

const make = (message: string) => new TwoSmsTokenError(message);

/** ASSUMED (API-NOTES): the token endpoint refuses in OAuth's words, other 2sms errors in `Message`. */
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

/** FACT (API-NOTES): POST /Token, form body, OAuth2 client credentials; the answer holds `access_token`. */
async function fetchToken(helpers: IHttpRequestHelper['helpers'], checked: CheckedTwoSmsCredentials): Promise<string> {
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
	new TwoSmsTokenError(
		`2sms refused the access tokens of ${refused} sign-ins in a row before any request could use them, so sign-in was stopped to avoid locking the API client. Check that this client may use the API and that nothing between n8n and 2sms drops the Authorization header. Sign-in resumes 2 minutes after the last refused request.`,
	);

/** The access token: a first sign-in, or the renewal shared for `expiredToken` (bounded). */
export async function accessToken(
	helpers: IHttpRequestHelper['helpers'],
	checked: CheckedTwoSmsCredentials,
	expiredToken: string,
): Promise<string> {
	const account = [checked.baseUrl, checked.clientId, fingerprint(checked.clientSecret)].join('\n');
	return await signInOnce(account, expiredToken, async () => await fetchToken(helpers, checked), signInStopped);
}
