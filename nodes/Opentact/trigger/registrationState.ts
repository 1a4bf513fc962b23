import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger registered, in the node's static data (n8n keeps it with the active workflow,
 * or with a test registration while "Listen for test event" runs). Replaced as a whole, never
 * changed in place: n8n notices only top-level changes when it decides whether to save.
 */
export interface Registration {
	profileId: string;
	/** The random secret in `registeredUrl`; a POST without it is refused. */
	secret: string;
	/** The callback_url this trigger set: n8n's webhook URL with the secret. */
	registeredUrl: string;
	/** What callback_url held before, restored on deactivation (null: none, or unknown). */
	previousCallbackUrl: string | null;
}

export const REGISTRATION_KEY = 'registration';

/** The registration in static data, if it is one this version wrote. */
export function registrationOf(staticData: IDataObject): Registration | undefined {
	const value = staticData[REGISTRATION_KEY] as Partial<Registration> | undefined;
	if (typeof value !== 'object' || value === null) return undefined;
	const { profileId, secret, registeredUrl, previousCallbackUrl } = value;
	if (typeof profileId !== 'string' || typeof secret !== 'string' || typeof registeredUrl !== 'string') return undefined;
	return { profileId, secret, registeredUrl, previousCallbackUrl: typeof previousCallbackUrl === 'string' ? previousCallbackUrl : null };
}
