import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
} from 'n8n-workflow';

/**
 * Rules for a credential's Test button, so that it says in words what is wrong with the address
 * or the answer instead of n8n's defaults ("Not Found", "Found", "Connection successful!" for
 * any 200). Declarative on purpose: n8n 1.x and 2.x both check a test request's rules the same
 * way, in order: on an HTTP error, a `responseCode` rule whose value is the status gives the
 * message; on a 2xx, a `responseSuccessBody` rule fails the test when `get(body, key) === value`
 * (an `undefined` value therefore means "the key is missing", which is also what a non-JSON body
 * gives). A failure without an answer (nothing listening, a certificate refused) reaches no rule;
 * the sign-in steps, which run before the test request, put those into words themselves.
 */
export interface CredentialTestWords {
	service: string;
	/** What to check when the address is wrong, e.g. "check the Base URL". */
	addressHint: string;
	/** The service's own refusals, by status. */
	refused: Record<number, string>;
	/** A 200 fails when `get(body, key) === value`; `what` names what came back instead. */
	envelope: Array<{ key: string; value: unknown; what: string }>;
}

/** Redirect statuses: never followed, so each is a failure that says so. */
const REDIRECTS = [301, 302, 303, 307, 308];

const SERVER_TROUBLE: Record<number, string> = {
	500: 'failed with an internal error (500)',
	502: 'could not be reached through a gateway (502)',
	503: 'is unavailable at the moment (503)',
	504: 'did not answer a gateway in time (504)',
};

export function credentialTestRules(words: CredentialTestWords): ICredentialTestRequest['rules'] {
	const { service, addressHint } = words;
	const codes: IAuthenticateRuleResponseCode[] = [];
	const byCode = (value: number, message: string) => codes.push({ type: 'responseCode', properties: { value, message } });
	for (const [status, message] of Object.entries(words.refused)) byCode(Number(status), message);
	byCode(404, `There is no ${service} API at this address (404 Not Found): ${addressHint}`);
	for (const status of REDIRECTS) {
		byCode(
			status,
			`${service}'s address answered with a redirect (${status}), which is not followed: redirects are never followed, so that your credentials cannot reach another address. ${capitalised(addressHint)}; use the address it redirects to only if you trust it.`,
		);
	}
	for (const [status, trouble] of Object.entries(SERVER_TROUBLE)) byCode(Number(status), `${service} ${trouble}: try again later`);
	const bodies: IAuthenticateRuleResponseSuccessBody[] = words.envelope.map(({ key, value, what }) => ({
		type: 'responseSuccessBody',
		properties: {
			key,
			value,
			message: `The address answered, but ${what}: it is not a working ${service} API. ${capitalised(addressHint)}.`,
		},
	}));
	// One list holding both kinds: each n8n version walks all rules and checks each one's type.
	return [...codes, ...bodies] as unknown as IAuthenticateRuleResponseCode[];
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
