import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { SIGN_IN_TIMEOUT_MS, SignInError } from '../nodes/shared/httpFailure';
import { fingerprint, renewOnce } from '../nodes/shared/sharedRenewal';
import { CUSTOM_HOST, TWO_SMS_HOSTS, twoSmsBaseUrl } from '../nodes/TwoSms/transport/baseUrl';

interface TokenAnswer {
	access_token?: unknown;
}

interface ThrownRequest {
	code?: string;
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/**
 * A failed token request (see {@link SignInError}); the Test button shows `response.statusText`,
 * set to the message written for people.
 */
class TwoSmsTokenError extends SignInError {}

/** Puts the token endpoint's refusal into words a user can act on, without echoing secrets. */
function describeTokenFailure(response: ThrownRequest['response'], code: string | undefined, baseUrl: string): string {
	if (!response?.status) {
		return `Could not reach 2sms at ${baseUrl} to get an access token (${code ?? 'no response'}). Check the Base URL.`;
	}
	const data = (response.data ?? {}) as { error?: unknown; error_description?: unknown; Message?: unknown };
	const oauthError = typeof data.error === 'string' ? data.error : undefined;
	if (oauthError === 'invalid_client' || response.status === 401) {
		return `2sms rejected the Client ID or Client Secret (${oauthError ?? `HTTP ${response.status}`}). Copy both again from the 2sms portal.`;
	}
	const detail = [data.error_description, oauthError, data.Message].find((text) => typeof text === 'string');
	return `2sms answered ${response.status} when asked for an access token${detail ? `: ${String(detail)}` : ''}. Check the Base URL.`;
}

function tokenError(thrown: unknown, baseUrl: string): TwoSmsTokenError {
	const { response, code } = (thrown ?? {}) as ThrownRequest;
	const error = new TwoSmsTokenError(describeTokenFailure(response, code, baseUrl));
	if (response?.status) {
		const retryAfter = response.headers?.['retry-after'];
		error.response = {
			status: response.status,
			statusText: error.message,
			headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
			data: response.data,
		};
	}
	if (code) error.code = code;
	return error;
}

export class TwoSmsApi implements ICredentialType {
	name = 'twoSmsApi';

	displayName = '2sms API';

	icon: Icon = { light: 'file:../icons/twoSms.svg', dark: 'file:../icons/twoSms.dark.svg' };

	documentationUrl = 'https://portal.2sms.com/api';

	properties: INodeProperties[] = [
		{
			// Filled by preAuthentication; n8n calls it again when this is empty or a request gets 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'options',
			options: [...TWO_SMS_HOSTS, { name: 'Custom', value: CUSTOM_HOST }],
			default: TWO_SMS_HOSTS[0].value,
			description: 'The 2sms host your account lives on (the address you log in to)',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sms.example.com',
			description: 'Root address of a white-label 2sms host. Must be https:// (plain http:// only for localhost).',
			displayOptions: { show: { baseUrl: [CUSTOM_HOST] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The API client ID from the 2sms portal (OAuth2 client credentials)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	/** Exchanges the client credentials for an access token (8 h) at POST /Token (form body). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Checked first, so the secret is never sent over plain http to another machine.
		const baseUrl = twoSmsBaseUrl(credentials);
		const clientId = String(credentials.clientId ?? '').trim();
		const clientSecret = String(credentials.clientSecret ?? '');
		if (!clientId || !clientSecret) throw new TwoSmsTokenError('2sms credential: enter both the Client ID and the Client Secret');
		const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
		const fetchToken = async (): Promise<string> => {
			let answer: TokenAnswer;
			try {
				answer = (await this.helpers.httpRequest({
					method: 'POST',
					url: `${baseUrl}/Token`,
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
					json: true,
					timeout: SIGN_IN_TIMEOUT_MS,
				})) as TokenAnswer;
			} catch (error) {
				throw tokenError(error, baseUrl);
			}
			if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
				throw new TwoSmsTokenError(`2sms at ${baseUrl} answered /Token without an access token. Check the Base URL.`);
			}
			return answer.access_token;
		};
		const expired = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
		if (expired === '') return { accessToken: await fetchToken() };
		const account = [baseUrl, clientId, fingerprint(clientSecret)].join('\n');
		return { accessToken: await renewOnce(account, expired, fetchToken) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl === "${CUSTOM_HOST}" ? $credentials.customBaseUrl : $credentials.baseUrl}}`,
			url: '/api/v1/sms/templates',
		},
	};
}
