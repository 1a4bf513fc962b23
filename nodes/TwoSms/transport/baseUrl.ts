import { checkBaseUrl } from '../../shared/baseUrl';

/**
 * The white-label hosts that serve the same 2sms API (API-NOTES: FACT). Routes hang off the
 * host root, so the base URL is just the origin.
 */
export const TWO_SMS_HOSTS = [
	{ name: 'portal.2sms.com (UK)', value: 'https://portal.2sms.com' },
	{ name: 'plus.2sms.com (UK)', value: 'https://plus.2sms.com' },
	{ name: 'portal.2sms.us (US)', value: 'https://portal.2sms.us' },
] as const;

export const CUSTOM_HOST = 'custom';

export interface TwoSmsHostFields {
	baseUrl?: unknown;
	customBaseUrl?: unknown;
}

/**
 * The API root a credential points at, without a trailing slash. Throws an Error saying what to
 * fix when a custom URL is not https (plain http only for this machine) or not a URL at all.
 */
export function twoSmsBaseUrl(credentials: TwoSmsHostFields): string {
	if (credentials.baseUrl === CUSTOM_HOST) return checkBaseUrl(credentials.customBaseUrl, 'Custom Base URL');
	return checkBaseUrl(credentials.baseUrl ?? TWO_SMS_HOSTS[0].value, 'Base URL');
}
