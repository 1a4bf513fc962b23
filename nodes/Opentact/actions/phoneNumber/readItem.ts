import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemError } from '../../../shared/itemErrors';
import type { ItemOutcome } from '../../../shared/runOperation';

/**
 * Reads an item's parameters where its work starts, not in a pass over all items first: n8n
 * evaluates each field's expression per item (about half a millisecond), so 10,000 items would
 * hold back the first request for seconds. Bad input still fails its item before any request is
 * sent for it; the error is reported, and `undefined` tells the caller to skip the item.
 */
export function readItem<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	read: () => T,
	report: (itemIndex: number, outcome: ItemOutcome) => void,
): T | undefined {
	try {
		return read();
	} catch (error) {
		report(itemIndex, asItemError(ctx, itemIndex, error));
		return undefined;
	}
}

function asItemError(ctx: IExecuteFunctions, itemIndex: number, error: unknown): ItemError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
}
