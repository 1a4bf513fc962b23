import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	BASE_URL_EXPRESSION,
	checkCredentials,
	OPENTACT_BASE_URLS,
	OpentactSignInError,
	signIn,
} from '../nodes/Opentact/transport/credential';
import { credentialTestRules } from '../nodes/shared/credentialTest';
import { NO_REDIRECTS } from '../nodes/shared/httpFailure';
import { noteTokenSent } from '../nodes/shared/sharedRenewal';

export class OpentactApi implements ICredentialType {
	name = 'opentactApi';

	displayName = 'Opentact API';

	icon: Icon = { light: 'file:../icons/opentact.svg', dark: 'file:../icons/opentact.dark.svg' };

	documentationUrl = 'https://doc.opentact.org/opentact-api-documentation/overview/obtain-your-api-keys';

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
			hint: 'The API root, ending in /rest (unlike 2sms, whose address is the host alone)',
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

	/** Email and password: a session token from GET /rest/auth (nodes/Opentact/transport/credential.ts). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await signIn(this.helpers, credentials);
	}

	/**
	 * Sends the API key or the session token as X-Auth-Token (no "Bearer"), to a checked base URL,
	 * never following a redirect. Changes and returns the options object it was given: n8n hands
	 * the node's own object through, and the node reads back which token went out (sharedRenewal.ts).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { baseUrl, method } = checkCredentials(credentials);
		const token = method === 'emailPassword' ? credentials.sessionToken : credentials.apiKey;
		if (typeof token !== 'string' || token === '') {
			throw new OpentactSignInError('Opentact credential: not logged in yet (no session token)');
		}
		if (method === 'emailPassword') noteTokenSent(requestOptions, token);
		const options = requestOptions;
		options.baseURL ??= /^https?:\/\//i.test(options.url) ? undefined : baseUrl;
		options.headers = { ...options.headers, 'X-Auth-Token': token };
		Object.assign(options, NO_REDIRECTS);
		return options;
	}

	/**
	 * GET /rest/auth with the key or the session token. The rules put each answer into words; a
	 * 200 must be Opentact's `{success: true, payload}` envelope (an HTML page or another API's
	 * JSON at the address is a wrong Base URL, not a working credential).
	 */
	test: ICredentialTestRequest = {
		request: { method: 'GET', baseURL: BASE_URL_EXPRESSION, url: '/auth', ...NO_REDIRECTS },
		rules: credentialTestRules({
			service: 'Opentact',
			addressHint: 'check the Environment and, for Custom, that the Base URL is the API root ending in /rest',
			refused: {
				401: 'Opentact did not accept these credentials (401): check the API key, or the email and password, and that they belong to the selected environment',
				403: 'Opentact refused access for this account (403)',
			},
			envelope: [
				{ key: 'success', value: undefined, what: "not Opentact's JSON" },
				{ key: 'success', value: false, what: 'a refusal (success: false)' },
				{ key: 'payload', value: undefined, what: 'without a payload' },
			],
		}),
	};
}
