import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	OPENTACT_BASE_URL_EXPRESSION,
	OPENTACT_BASE_URLS,
	resolveOpentactBaseUrl,
} from '../nodes/Opentact/transport/opentactBaseUrl';

/**
 * A login failure without the request attached: axios keeps the Basic credentials in
 * `error.config`, so only the status, the Retry-After header, the provider's body and a
 * network code travel on (enough for the node's retry logic and the Test button).
 */
class OpentactLoginError extends Error {
	response?: { status: number; statusText: string; headers: IDataObject; data: unknown };

	code?: string;
}

interface AxiosLikeError {
	code?: string;
	message?: string;
	response?: { status?: number; headers?: IDataObject; data?: unknown };
}

function loginError(thrown: unknown, loginUrl: string): OpentactLoginError {
	const { response, code } = (thrown ?? {}) as AxiosLikeError;
	const status = response?.status;
	const body = response?.data as IDataObject | undefined;
	const providerMessage = typeof body?.message === 'string' ? body.message : undefined;
	const reason =
		status === 401
			? `the email or password is wrong${providerMessage ? ` (${providerMessage})` : ''}`
			: status !== undefined
				? `Opentact answered ${status}${providerMessage ? `: ${providerMessage}` : ''}`
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

/**
 * When a token expires in the middle of a run, every request in flight gets a 401 and n8n calls
 * preAuthentication for each. Renewals of the same expired token (same email and password) share
 * one login, so ten concurrent requests do not log in ten times, and no login can invalidate the
 * token another just obtained. Entries live briefly and hold no password, only a hash of it.
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

async function renewOnce(key: string, login: () => Promise<string>): Promise<string> {
	const now = Date.now();
	for (const [entryKey, entry] of renewals) if (now - entry.at > RENEWAL_SHARE_MS) renewals.delete(entryKey);
	const shared = renewals.get(key);
	if (shared) return await shared.token;
	const token = login();
	renewals.set(key, { at: now, token });
	token.catch(() => renewals.delete(key));
	return await token;
}

export class OpentactApi implements ICredentialType {
	name = 'opentactApi';

	displayName = 'Opentact API';

	icon: Icon = { light: 'file:../icons/opentact.svg', dark: 'file:../icons/opentact.dark.svg' };

	documentationUrl = 'https://opentact.org/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: OPENTACT_BASE_URLS.production },
				{ name: 'Stage', value: 'stage', description: OPENTACT_BASE_URLS.stage },
				{ name: 'Custom', value: 'custom', description: 'A private deployment or a local simulator' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://opentact.example.com/rest',
			description:
				'The API root including /rest. Must use https://; plain http:// is accepted only for localhost.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Key', value: 'apiKey', description: 'A key from the Opentact portal' },
				{
					name: 'Email and Password',
					value: 'emailPassword',
					description: 'Your portal login, exchanged for a token that n8n renews when it expires',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authentication: ['emailPassword'] } },
		},
		{
			// Filled by preAuthentication (email and password only); n8n empties it and logs in
			// again when a request answers 401, e.g. after the token's 24 hours.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Checked before the login so a password is never sent over plain http to another host.
		const baseUrl = resolveOpentactBaseUrl(credentials);
		if (credentials.authentication !== 'emailPassword') return {};
		const email = typeof credentials.email === 'string' ? credentials.email.trim() : '';
		const password = typeof credentials.password === 'string' ? credentials.password : '';
		if (!email || !password) {
			throw new OpentactLoginError('Opentact credential: enter both the email and the password');
		}
		const loginUrl = `${baseUrl}/auth`;
		const login = async (): Promise<string> => {
			let answer: IDataObject;
			try {
				answer = (await this.helpers.httpRequest({
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
		};
		const expired = typeof credentials.sessionToken === 'string' ? credentials.sessionToken : '';
		if (expired === '') return { sessionToken: await login() };
		const key = [loginUrl, email, fingerprint(password), expired].join('\n');
		return { sessionToken: await renewOnce(key, login) };
	}

	/** Sends the API key or the session token as X-Auth-Token (no "Bearer"), to a checked base URL. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseUrl = resolveOpentactBaseUrl(credentials);
		const token = credentials.authentication === 'emailPassword' ? credentials.sessionToken : credentials.apiKey;
		if (typeof token !== 'string' || token === '') {
			throw new OpentactLoginError(
				credentials.authentication === 'emailPassword'
					? 'Opentact credential: not logged in yet (no session token)'
					: 'Opentact credential: enter the API key',
			);
		}
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL ?? (/^https?:\/\//i.test(requestOptions.url) ? undefined : baseUrl),
			headers: { ...requestOptions.headers, 'X-Auth-Token': token },
		};
	}

	test: ICredentialTestRequest = {
		request: { method: 'GET', baseURL: OPENTACT_BASE_URL_EXPRESSION, url: '/auth' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Opentact did not accept these credentials (401): check the API key, or the email and password, and that they belong to the selected environment',
				},
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'Opentact refused access for this account (403)' },
			},
		],
	};
}
