import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/commonOptions';
import type { HttpFailure } from '../../shared/httpFailure';
import { providerError } from '../../shared/itemErrors';
import { sendWithRetry } from '../../shared/sendWithRetry';
import { checkCredentials } from './credential';
import { providerReason } from './answers';

export const CREDENTIAL_TYPE = 'opentactApi';

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

export interface OpentactClient {
	send(request: OpentactRequest): Promise<OpentactAnswer>;
	/** The per-item NodeApiError for a failed answer, with Opentact's message and field errors. */
	itemError(itemIndex: number, answer: Extract<OpentactAnswer, { ok: false }>): ReturnType<typeof providerError>;
	settings: RequestSettings;
}

/** FACT: every Opentact answer is the `{success, payload | message}` envelope. */
const isEnvelope = (body: unknown) => typeof body === 'object' && body !== null && 'success' in body;

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
 * The only place the Opentact node talks HTTP. The credential (API root, sign-in fields) is
 * checked once per run, so a misconfigured one fails the run before any request, not after retries.
 */
export async function openOpentactClient(ctx: IExecuteFunctions, settings: RequestSettings): Promise<OpentactClient> {
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

	return {
		settings,
		async send({ method, path, qs, body }) {
			const result = await inSlot(
				async () =>
					await sendWithRetry(
						ctx,
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
	};
}
