import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { credentialTestRules } from '../nodes/shared/credentialTest';
import { NO_REDIRECTS } from '../nodes/shared/httpFailure';
import { noteTokenSent } from '../nodes/shared/sharedRenewal';
import {
	BASE_URL_EXPRESSION,
	CUSTOM_HOST,
	signIn,
	TWO_SMS_HOSTS,
	TwoSmsSignInError,
} from '../nodes/TwoSms/transport/credential';

export class TwoSmsApi implements ICredentialType {
	name = 'twoSmsApi';

	displayName = '2sms API';

	icon: Icon = { light: 'file:../icons/twoSms.svg', dark: 'file:../icons/twoSms.dark.svg' };

	documentationUrl = 'https://us.2sms.us/2020/06/30/smsplus/';

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
			hint: 'The host alone, without /api (unlike Opentact, whose address ends in /rest)',
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

	/** The client credentials exchanged for an access token (8 h) at POST /Token (nodes/TwoSms/transport/credential.ts). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await signIn(this.helpers, credentials);
	}

	/**
	 * `Authorization: Bearer <token>`, never following a redirect. Changes and returns the options
	 * object it was given: n8n hands the node's own object through, and the node reads back which
	 * token went out (sharedRenewal.ts).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = credentials.accessToken;
		if (typeof token !== 'string' || token === '') {
			throw new TwoSmsSignInError('2sms credential: no access token yet (the sign-in did not run)');
		}
		noteTokenSent(requestOptions, token);
		const options = requestOptions;
		options.headers = { ...options.headers, Authorization: `Bearer ${token}` };
		Object.assign(options, NO_REDIRECTS);
		return options;
	}

	/**
	 * A token from POST /Token (preAuthentication, which puts its own failures into words), then
	 * GET api/v1/sms/templates: cheap and read-only. A 200 must be 2sms's envelope.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/api/v1/sms/templates',
			...NO_REDIRECTS,
		},
		rules: credentialTestRules({
			service: '2sms',
			addressHint: 'check the Base URL (the host your 2sms account lives on)',
			refused: {
				401: '2sms did not accept these credentials (401): copy the Client ID and Client Secret again from the 2sms portal',
				403: '2sms refused access for this API client (403)',
			},
			envelope: [{ key: 'ResponseData', value: undefined, what: "not 2sms's JSON" }],
		}),
	};
}
