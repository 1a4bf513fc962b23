import type { IDataObject } from 'n8n-workflow';

import { type Profile, hideCallbackSecret } from '../../transport/profiles';

/**
 * One output item per profile: Opentact's profile object as answered, with the secret of a
 * trigger's callback URL hidden (see hideCallbackSecret), so ops can see where each profile's
 * inbound SMS (STOP replies among them) are sent without copying a secret into the execution.
 */
export function profileRecord(profile: Profile): IDataObject {
	return {
		...profile.raw,
		uuid: profile.uuid,
		callback_url: hideCallbackSecret(profile.callbackUrl),
		callback_url2: hideCallbackSecret(profile.callbackUrl2),
	};
}
