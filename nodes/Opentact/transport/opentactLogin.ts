import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { SIGN_IN_TIMEOUT_MS, SignInError } from '../../shared/httpFailure';
import { fingerprint, renewOnce } from '../../shared/sharedRenewal';
import { resolveOpentactBaseUrl } from './opentactBaseUrl';

/** A credential or login problem; see {@link SignInError} for what it carries and why. */
export class OpentactLoginError extends SignInError {}

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
			timeout: SIGN_IN_TIMEOUT_MS,
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

/** The session token for email/password sign-in: a fresh login, or the renewal shared for `expiredToken`. */
export async function sessionToken(
	helpers: IHttpRequestHelper['helpers'],
	checked: CheckedCredentials,
	expiredToken: string,
): Promise<string> {
	if (expiredToken === '') return await logIn(helpers, checked);
	const account = [checked.baseUrl, checked.email, fingerprint(checked.password)].join('\n');
	return await renewOnce(account, expiredToken, async () => await logIn(helpers, checked));
}
