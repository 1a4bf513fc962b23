import type {
	IAdditionalCredentialOptions,
	IAllExecuteFunctions,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

/*
 * The credential read and decrypted once per run, not once per request.
 *
 * n8n's `httpRequestWithAuthentication` fetches the credential for every call unless it is handed
 * one: in real n8n that is a database read and a decryption (docs/cpu-profile.md: 2.3 ms of CPU
 * per request in n8n 2.41, 44% of the CPU of a 10,000-number Opentact run). It takes the
 * already decrypted credential as `additionalCredentialOptions.credentialsDecrypted` and then
 * does everything else as before: the credential's `preAuthentication` (sign-in, and renewal on
 * a 401, which n8n stores back in its database and also writes into the object handed over, so
 * the run's later requests carry the new token), `authenticate`, n8n's proxy settings and its
 * HTTP client. So the node keeps using n8n's helper, with the one credential object the run read.
 */

const views = new WeakMap<object, { once: IAdditionalCredentialOptions; view: object }>();

/**
 * `ctx` as the transport sees it: every request sent through its `httpRequestWithAuthentication`
 * carries `data` (what `getCredentials(type)` returned for this run). One view per context, so
 * what is kept per context (the first-request gate, a failed sign-in, the rate-limit pause) stays
 * one per run; a later read of the credential in the same run replaces the data it carries.
 */
export function withCredentialOnce<T extends IAllExecuteFunctions>(ctx: T, type: string, data: ICredentialDataDecryptedObject): T {
	const stored = ctx.getNode().credentials?.[type];
	const decrypted = { id: stored?.id ?? '', name: stored?.name ?? type, type, data };
	const known = views.get(ctx);
	if (known) {
		known.once.credentialsDecrypted = decrypted;
		return known.view as T;
	}
	const once: IAdditionalCredentialOptions = { credentialsDecrypted: decrypted };
	const helpers = {
		...ctx.helpers,
		httpRequestWithAuthentication: async (
			credentialType: string,
			options: IHttpRequestOptions,
			additional?: IAdditionalCredentialOptions,
		) =>
			await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				credentialType,
				options,
				credentialType === type ? { ...once, ...additional } : additional,
			),
	};
	const bound = new Map<PropertyKey, unknown>();
	// Methods run on n8n's own context object (they may use its private state), only `helpers` differs.
	const view = new Proxy(ctx, {
		get(target, key) {
			if (key === 'helpers') return helpers;
			const value: unknown = Reflect.get(target, key, target);
			if (typeof value !== 'function') return value;
			if (!bound.has(key)) bound.set(key, (value as (...args: unknown[]) => unknown).bind(target));
			return bound.get(key);
		},
	});
	views.set(ctx, { once, view });
	return view;
}
