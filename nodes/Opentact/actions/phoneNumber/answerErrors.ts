import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ItemError } from '../../../shared/itemErrors';

/**
 * An answer from Opentact that proves nothing for this item (another number's lease, a lease
 * without a UUID, a list that cannot be read). `problem` is our description and quotes only
 * values that passed a shape check, never the server's free text, which may echo anything.
 */
export function unusableAnswer(node: INode, itemIndex: number, problem: string, consequence?: string): NodeApiError {
	const message = `Item ${itemIndex}: Opentact's answer could not be used: ${problem}`;
	const error = new NodeApiError(node, { message: problem } as JsonObject, { message, description: consequence, itemIndex });
	// NodeApiError replaces messages that mention network codes; keep ours.
	error.message = message;
	return error;
}

/** Adds a line to an item error's details (what reading the lease back showed, an option in force). */
export function withDetail<E extends ItemError>(error: E, line: string): E {
	error.description = error.description ? `${error.description}\n${line}` : line;
	return error;
}
