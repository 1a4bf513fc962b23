import { randomString } from 'n8n-workflow';

import { CALLBACK_SECRET_PARAM } from '../transport/profiles';

/*
 * The trigger's proof that a POST comes from whoever was given its callback URL. Opentact signs
 * nothing (it documents only a source IP to allow), so the URL the trigger registers carries a
 * random secret as a query parameter (`?secret=…`); a POST without it is answered 401 and starts
 * nothing.
 */

/**
 * Letters and digits of the secret: n8n-workflow's randomString draws them with the platform's
 * cryptographic generator (crypto.getRandomValues), 62 letters a character, so 43 characters
 * carry about 256 bits.
 */
export const SECRET_LENGTH = 43;

export const newSecret = (): string => randomString(SECRET_LENGTH);

/** n8n's webhook URL for the trigger with the secret added, as the profile's callback_url. */
export function callbackUrlWithSecret(webhookUrl: string, secret: string): string {
	const separator = webhookUrl.includes('?') ? '&' : '?';
	return `${webhookUrl}${separator}${CALLBACK_SECRET_PARAM}=${secret}`;
}

/**
 * Whether `given` is the secret, in time that does not depend on where they differ: every
 * character of the expected secret is compared, whatever came. Its length is no secret (always
 * SECRET_LENGTH), so a wrong length may answer at once.
 */
export function isSecret(given: unknown, expected: string): boolean {
	if (typeof given !== 'string' || expected.length === 0 || given.length !== expected.length) return false;
	let difference = 0;
	for (let index = 0; index < expected.length; index++) {
		difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
	}
	return difference === 0;
}
