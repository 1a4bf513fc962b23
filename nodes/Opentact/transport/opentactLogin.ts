import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { resolveOpentactBaseUrl } from './opentactBaseUrl';

/**
 * A credential or login problem, without the request attached: axios keeps the Basic
 * credentials in `error.config`, so only the status, the Retry-After header, the provider's body
 * and a network code travel on (enough for the node's retry logic and the Test button).
 */
export class OpentactLoginError extends Error {
	response?: { status: number; statusText: string; headers: IDataObject; data: unknown };

	code?: string;
}

export interface CheckedCredentials {
	baseUrl: string;
	method: 'apiKey' | 'emailPassword';
	email: string;
	password: string;
}

/** The credential's API root and sign-in fields, checked; throws what the user must fix. */
export function checkCredentials(credentials: ICredentialDataDecryptedObject): CheckedCredentials {
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

interface AxiosLikeError {
	code?: string;
	response?: { status?: number; headers?: IDataObject; data?: unknown };
}

function loginError(thrown: unknown, loginUrl: string): OpentactLoginError {
	const { response, code } = (thrown ?? {}) as AxiosLikeError;
	const status = response?.status;
	const body = response?.data as IDataObject | undefined;
	const said = typeof body?.message === 'string' ? body.message : undefined;
	const reason =
		status === 401
			? `the email or password is wrong${said ? ` (${said})` : ''}`
			: status !== undefined
				? `Opentact answered ${status}${said ? `: ${said}` : ''}`
				: `no answer from the server (${code ?? 'network error'})`;
	const error = new OpentactLoginError(`Opentact login at ${loginUrl} failed: ${reason}`);
	if (status !== undefined) {
		const retryAfter = response?.headers?.['retry-after'];
		error.response = {
			status,
			statusText: error.message,
			headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
			data: body,
		};
	}
	if (code) error.code = code;
	return error;
}

/** FACT: `GET /rest/auth` with Basic email:password answers `{payload: {token: <JWT>}}`. */
async function logIn(helpers: IHttpRequestHelper['helpers'], { baseUrl, email, password }: CheckedCredentials) {
	const loginUrl = `${baseUrl}/auth`;
	let answer: IDataObject;
	try {
		answer = (await helpers.httpRequest({
			method: 'GET',
			url: loginUrl,
			auth: { username: email, password },
			json: true,
		})) as IDataObject;
	} catch (error) {
		throw loginError(error, loginUrl);
	}
	const token = (answer?.payload as IDataObject | undefined)?.token;
	if (typeof token !== 'string' || token === '') {
		throw new OpentactLoginError(`Opentact login at ${loginUrl} answered without a token`);
	}
	return token;
}

/**
 * When a token expires in the middle of a run, every request in flight gets a 401 and n8n calls
 * preAuthentication for each. Renewals of the same expired token (same URL, email and password)
 * share one login, so ten concurrent requests do not log in ten times and no login invalidates
 * the token another just obtained. Entries live briefly and hold a hash of the password only.
 */
const RENEWAL_SHARE_MS = 30_000;
const renewals = new Map<string, { at: number; token: Promise<string> }>();

function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) {
		hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	}
	return hash.toString(36);
}

/** The session token for email/password sign-in: a fresh login, or the renewal shared for `expiredToken`. */
export async function sessionToken(
	helpers: IHttpRequestHelper['helpers'],
	checked: CheckedCredentials,
	expiredToken: string,
): Promise<string> {
	if (expiredToken === '') return await logIn(helpers, checked);
	const now = Date.now();
	for (const [key, entry] of renewals) if (now - entry.at > RENEWAL_SHARE_MS) renewals.delete(key);
	const key = [checked.baseUrl, checked.email, fingerprint(checked.password), expiredToken].join('\n');
	const shared = renewals.get(key);
	if (shared) return await shared.token;
	const token = logIn(helpers, checked);
	renewals.set(key, { at: now, token });
	token.catch(() => renewals.delete(key));
	return await token;
}
