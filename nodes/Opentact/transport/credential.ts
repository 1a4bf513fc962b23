import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { NO_REDIRECTS, SIGN_IN_TIMEOUT_MS, SignInError } from '../../shared/httpFailure';
import { rememberCredentialSecrets } from '../../shared/redact';
import { fingerprint, signInOnce } from '../../shared/sharedRenewal';
import { noTokenFailure, type SignInAttempt, signInFailure } from '../../shared/signInError';
import { resolveOpentactBaseUrl } from './opentactBaseUrl';

/** A credential or login problem; see {@link SignInError} for what it carries and why. */
export class OpentactLoginError extends SignInError {}

export interface CheckedCredentials {
	baseUrl: string;
	method: 'apiKey' | 'emailPassword';
	email: string;
	password: string;
}

/**
 * The credential's API root and sign-in fields, checked; throws what the user must fix. Its
 * values are registered for redaction (redact.ts), so a provider echoing one back is caught.
 */
export function checkCredentials(credentials: ICredentialDataDecryptedObject): CheckedCredentials {
	rememberCredentialSecrets(credentials);
	const baseUrl = resolveOpentactBaseUrl(credentials);
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	if (credentials.authentication === 'emailPassword') {
		const email = text(credentials.email).trim();
		const password = text(credentials.password);
		if (!email || !password) throw new OpentactLoginError('Opentact credential: enter both the email and the password');
		return { baseUrl, method: 'emailPassword', email, password };
	}
	if (!text(credentials.apiKey).trim()) throw new OpentactLoginError('Opentact credential: enter the API key');
	return { baseUrl, method: 'apiKey', email: '', password: '' };
}

/** `email:password` as the Basic header carries it (base64 of UTF-8): an echo of the header is one of the password. */
function basicCredentials(email: string, password: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(`${email}:${password}`)) binary += String.fromCharCode(byte);
	return btoa(binary);
}

const loginAttempt = ({ baseUrl, email, password }: CheckedCredentials): SignInAttempt => ({
	service: 'Opentact',
	url: `${baseUrl}/auth`,
	secrets: [email, password, basicCredentials(email, password)],
});

/** FACT: Opentact's error envelope carries its words in `message`. */
const opentactSaid = (data: unknown) => (data as IDataObject | undefined)?.message;

const make = (message: string) => new OpentactLoginError(message);

/** FACT: `GET /rest/auth` with Basic email:password answers `{payload: {token: <JWT>}}`. */
async function logIn(helpers: IHttpRequestHelper['helpers'], checked: CheckedCredentials): Promise<string> {
	const attempt = loginAttempt(checked);
	let answer: { statusCode?: number; body?: unknown };
	try {
		answer = (await helpers.httpRequest({
			method: 'GET',
			url: attempt.url,
			auth: { username: checked.email, password: checked.password },
			json: true,
			timeout: SIGN_IN_TIMEOUT_MS,
			returnFullResponse: true,
			...NO_REDIRECTS,
		})) as { statusCode?: number; body?: unknown };
	} catch (error) {
		throw signInFailure(make, error, attempt, opentactSaid, (status, said) =>
			status === 401 ? `Opentact login at ${attempt.url} failed: the email or password is wrong${said ? ` (${said})` : ''}` : undefined,
		);
	}
	const token = ((answer?.body as IDataObject | undefined)?.payload as IDataObject | undefined)?.token;
	if (typeof token !== 'string' || token === '') {
		throw noTokenFailure(make, answer?.body, attempt, 'payload.token', answer?.statusCode);
	}
	return token;
}

/**
 * Sign-in stopped (sharedRenewal.ts): tokens were refused before any request could use them.
 * No answer travels with it; the item error and the Test button show the sentence.
 */
const signInStopped = (refused: number) =>
	new OpentactLoginError(
		`Opentact refused the tokens of ${refused} sign-ins in a row before any request could use them, so sign-in was stopped to avoid locking the account. Check that this account may use the API and that nothing between n8n and Opentact drops the X-Auth-Token header. Sign-in resumes 2 minutes after the last refused request.`,
	);

/** The session token for email/password sign-in: a fresh login, or the renewal shared for `expiredToken`. */
export async function sessionToken(
	helpers: IHttpRequestHelper['helpers'],
	checked: CheckedCredentials,
	expiredToken: string,
): Promise<string> {
	const account = [checked.baseUrl, checked.email, fingerprint(checked.password)].join('\n');
	return await signInOnce(account, expiredToken, async () => await logIn(helpers, checked), signInStopped);
}
