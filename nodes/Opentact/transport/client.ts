import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { HttpFailure } from '../../shared/httpFailure';
import { providerError } from '../../shared/itemErrors';
import type { RequestSettings } from '../../shared/options';
import { withCredentialOnce } from '../../shared/credentialOnce';
import { sendWithRetry } from '../../shared/sendWithRetry';
import { LEASE_NOT_FOUND_MESSAGE, isAnswer, isEnvelope, providerReason } from './answers';
import { CREDENTIAL_TYPE, checkCredentials } from './credential';

export interface OpentactRequest {
	method: IHttpRequestMethods;
	/** Below the API root, e.g. `/lease/tn/12017771234/tn`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/** `earlierAttemptMayHaveApplied`: see sendWithRetry; a change's retry may find it already made. */
export type OpentactAnswer =
	| { ok: true; payload: unknown; attempts: number; earlierAttemptMayHaveApplied: boolean }
	| { ok: false; failure: HttpFailure; attempts: number; earlierAttemptMayHaveApplied: boolean };

export type FailedAnswer = Extract<OpentactAnswer, { ok: false }>;

/** The one object the Opentact node talks HTTP through (the 2sms node's client has the same shape). */
export interface OpentactClient {
	settings: RequestSettings;
	/** One request with retries; never throws. A `success: false` inside a 2xx is a failure. */
	send(request: OpentactRequest): Promise<OpentactAnswer>;
	/** The item's error for a failed answer, with Opentact's message and field errors. */
	itemError(itemIndex: number, answer: FailedAnswer): NodeApiError;
	/**
	 * The item's error for a failed lease lookup: Opentact's documented "not found" for a number
	 * or UUID is said as what it means for the user (the number is not one of the account's
	 * leases), with Opentact's own words kept beside it; any other failure as `itemError`.
	 */
	lookupError(itemIndex: number, answer: FailedAnswer, asked: AskedLease): NodeApiError;
	/**
	 * The item's error for an answer that proves nothing for it (another number's lease, a lease
	 * without a UUID, a list that cannot be read). `problem` is our description and quotes only
	 * values that passed a shape check, never the server's free text, which may echo anything.
	 */
	unusableAnswer(itemIndex: number, problem: string, consequence?: string): NodeApiError;
}

/** What a lookup asked for (the Phone Number field's reading). */
export type AskedLease = { kind: 'number'; e164: string } | { kind: 'uuid'; uuid: string };

/** "+12015550100" as people write a North American number: "+1 201 555 0100". */
function readableNumber(e164: string): string {
	const digits = e164.slice(1);
	return digits.length === 11 ? `+1 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}` : e164;
}

/**
 * Caps requests in flight for the whole node run, whatever mix of lookups, pages and changes is
 * under way, so "Max Concurrent Requests" means exactly that.
 */
function createSlots(limit: number) {
	let free = Math.max(1, limit);
	const waiting: Array<() => void> = [];
	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (free > 0) free--;
		else await new Promise<void>((resolve) => waiting.push(resolve));
		try {
			return await task();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else free++;
		}
	};
}

/**
 * The contexts that talk to Opentact: an operation's run, the trigger's registration (activation
 * and deactivation) and polls, and the messaging-profile picker's list search.
 */
export type OpentactContext = IExecuteFunctions | IHookFunctions | IPollFunctions | ILoadOptionsFunctions;

/**
 * The only place the Opentact nodes talk HTTP. The credential (API root, sign-in fields) is read
 * and checked once per run, so a misconfigured one fails the run before any request, not after
 * retries, and every request carries that one copy instead of n8n reading it again (credentialOnce.ts).
 */
export async function openClient(ctx: OpentactContext, settings: RequestSettings): Promise<OpentactClient> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let baseUrl: string;
	let signIn: string;
	try {
		({ baseUrl, method: signIn } = checkCredentials(credentials));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
	const inSlot = createSlots(settings.concurrency);
	const node = ctx.getNode();
	const sender = withCredentialOnce(ctx, CREDENTIAL_TYPE, credentials);

	return {
		settings,
		async send({ method, path, qs, body }) {
			const result = await inSlot(
				async () =>
					await sendWithRetry(
						sender,
						CREDENTIAL_TYPE,
						{ method, baseURL: baseUrl, url: path, qs, body, timeout: settings.timeoutMs },
						{ policy: settings.policy, isUsableBody: isEnvelope, renewsToken: signIn === 'emailPassword' },
					),
			);
			if (!result.ok) return result;
			const { attempts, earlierAttemptMayHaveApplied } = result;
			const envelope = result.body as IDataObject;
			if (envelope.success === false) {
				// A refusal inside a 2xx: treat it like the HTTP error it stands for.
				const status = typeof envelope.status === 'number' ? envelope.status : 400;
				return { ok: false, failure: { status, body: envelope, summary: `HTTP ${status}` }, attempts, earlierAttemptMayHaveApplied };
			}
			return { ok: true, payload: envelope.payload, attempts, earlierAttemptMayHaveApplied };
		},
		itemError(itemIndex, answer) {
			return providerError(node, itemIndex, 'Opentact', answer.failure, providerReason(answer.failure), answer.attempts);
		},
		lookupError(itemIndex, answer, asked) {
			const error = providerError(node, itemIndex, 'Opentact', answer.failure, providerReason(answer.failure), answer.attempts);
			if (!isAnswer(answer.failure, { status: 404, message: LEASE_NOT_FOUND_MESSAGE })) return error;
			const what = asked.kind === 'number' ? `${readableNumber(asked.e164)} is not a number leased by this Opentact account` : `${asked.uuid} is not a lease of this Opentact account`;
			error.message = `Item ${itemIndex}: ${what} (Opentact answered 404: ${LEASE_NOT_FOUND_MESSAGE})`;
			return error;
		},
		unusableAnswer(itemIndex, problem, consequence) {
			const message = `Item ${itemIndex}: Opentact's answer could not be used: ${problem}`;
			const error = new NodeApiError(node, { message: problem } as JsonObject, { message, description: consequence, itemIndex });
			// NodeApiError replaces messages that mention network codes; keep ours.
			error.message = message;
			return error;
		},
	};
}
