import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { checkBaseUrl } from '../../shared/baseUrl';
import { NO_REDIRECTS, SIGN_IN_TIMEOUT_MS, SignInError } from '../../shared/httpFailure';
import { rememberCredentialSecrets } from '../../shared/redact';
import { accountKey, signInOnce } from '../../shared/sharedRenewal';
import { noTokenFailure, type SignInAttempt, signInFailure } from '../../shared/signInError';

/*
 * The Opentact credential's side of the node: where the API is (base URL) and how a session is
 * had (login with email and password; an API key needs none). The credential file
 * (credentials/OpentactApi.credentials.ts) holds the fields, `authenticate` and the Test button,
 * and hands its sign-in step to `signIn` here; the node's client checks the same credential with
 * `checkCredentials` before its first request.
 */

export const CREDENTIAL_TYPE = 'opentactApi';

/** API roots per environment, including `/rest` (FACT: docs/api-notes.md, Opentact "Hosts"). */
export const OPENTACT_BASE_URLS = {
	production: 'https://api.opentact.org/rest',
	stage: 'https://api.stage.opentact.org/rest',
} as const;

export type OpentactEnvironment = keyof typeof OPENTACT_BASE_URLS | 'custom';

const checkedCustomUrls = new Map<string, string>();

/**
 * Opentact's routes hang off `/rest` (documentation: API Environment), 2sms's off the host root:
 * the one place a user can mix the two up. A custom URL must name the API root, so the mistake is
 * caught with words at the Test button instead of as a 404 on every request.
 */
function checkApiRoot(url: string): string {
	const { origin, pathname } = new URL(url);
	if (pathname === '/rest' || pathname.endsWith('/rest')) return url;
	throw new Error(
		`Opentact credential: Base URL "${url}" must be Opentact's API root, which ends in /rest (e.g. ${origin}${pathname === '/' ? '' : pathname}/rest)`,
	);
}

/**
 * The credential's API root, checked: HTTPS, or plain HTTP only to this machine. Throws an Error
 * whose message tells the user what to fix; callers wrap it in the error type their context needs.
 * Shared by the credential (login, Test button, every request) and the node.
 */
export function baseUrlOf(credentials: { environment?: unknown; baseUrl?: unknown }): string {
	const environment = (credentials.environment ?? 'production') as OpentactEnvironment;
	if (environment === 'custom') {
		// Runs for every request (preAuthentication and authenticate): remember checked answers.
		const key = String(credentials.baseUrl);
		const known = checkedCustomUrls.get(key) ?? checkApiRoot(checkBaseUrl(credentials.baseUrl, 'Opentact credential: Base URL'));
		if (checkedCustomUrls.size > 100) checkedCustomUrls.clear();
		checkedCustomUrls.set(key, known);
		return known;
	}
	const known = OPENTACT_BASE_URLS[environment];
	if (!known) {
		throw new Error(`Opentact credential: unknown environment "${String(environment)}"; choose Production, Stage or Custom`);
	}
	return known;
}

/** The same choice as an n8n expression, for the credential test's `baseURL`. */
export const BASE_URL_EXPRESSION =
	`={{ $credentials.environment === "custom" ? $credentials.baseUrl : ` +
	`($credentials.environment === "stage" ? "${OPENTACT_BASE_URLS.stage}" : "${OPENTACT_BASE_URLS.production}") }}`;

/** A credential or login problem; see {@link SignInError} for what it carries and why. */
export class OpentactSignInError extends SignInError {}

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
	const baseUrl = baseUrlOf(credentials);
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	if (credentials.authentication === 'emailPassword') {
		const email = text(credentials.email).trim();
		const password = text(credentials.password);
		if (!email || !password) throw new OpentactSignInError('Opentact credential: enter both the email and the password');
		return { baseUrl, method: 'emailPassword', email, password };
	}
	if (!text(credentials.apiKey).trim()) throw new OpentactSignInError('Opentact credential: enter the API key');
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

const make = (message: string) => new OpentactSignInError(message);

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
	new OpentactSignInError(
		`Opentact refused the tokens of ${refused} sign-ins in a row before any request could use them, so sign-in was stopped to avoid locking the account. Check that this account may use the API and that nothing between n8n and Opentact drops the X-Auth-Token header. Sign-in resumes 2 minutes after the last refused request.`,
	);

/**
 * The credential's sign-in step (n8n's `preAuthentication`), run before a request whenever the
 * hidden session token is empty or was refused: with email and password, a fresh login, or the
 * renewal shared for the expired token (sharedRenewal.ts); with an API key there is nothing to
 * do. The credential is checked first, so a password is never sent over plain http to another
 * machine.
 */
export async function signIn(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<{ sessionToken?: string }> {
	const checked = checkCredentials(credentials);
	if (checked.method !== 'emailPassword') return {};
	const expired = typeof credentials.sessionToken === 'string' ? credentials.sessionToken : '';
	const account = accountKey(checked.baseUrl, checked.email, checked.password);
	return { sessionToken: await signInOnce(account, expired, async () => await logIn(helpers, checked), signInStopped) };
}
