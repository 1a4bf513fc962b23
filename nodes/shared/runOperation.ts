import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asItemError, errorItemJson, isItemError, type ItemError } from './itemErrors';
import { runIds, withRunIds } from './runIds';

/** What one input item came to: its output json (one or many) or its error. */
export type ItemOutcome = IDataObject | IDataObject[] | ItemError;

/** Records what one item came to; each item is reported once. */
export type Report = (itemIndex: number, outcome: ItemOutcome) => void;

/**
 * An operation's work over the run's items (all of them, in order). It reports each item,
 * may group items into batches or run them concurrently, and checks `shouldStop` before it
 * starts new work.
 */
export type OperationWork = (itemIndexes: number[], report: Report, shouldStop: () => boolean) => Promise<void>;

/**
 * Reads an item's parameters where its work starts, not in a pass over all items first: n8n
 * evaluates each field's expression per item (about half a millisecond), so 10,000 items would
 * hold back the first request for seconds. Bad input still fails its item before any request is
 * sent for it; the error is reported, and `undefined` tells the caller to skip the item.
 */
export function readItem<T>(ctx: IExecuteFunctions, itemIndex: number, read: () => T, report: Report): T | undefined {
	try {
		return read();
	} catch (error) {
		report(itemIndex, asItemError(ctx, itemIndex, error));
		return undefined;
	}
}

/**
 * The error of one item that the operation's work as a whole failed for (a credential refused
 * before any request, an unsupported option): the same words for every item, each with its number.
 */
function runFailureFor(ctx: IExecuteFunctions, itemIndex: number, error: unknown): ItemError {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown } | undefined)?.description;
	const itemError = new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, {
		itemIndex,
		description: typeof description === 'string' ? description : undefined,
	});
	// NodeOperationError may rewrite a message mentioning a network code; keep the item number.
	itemError.message = `Item ${itemIndex}: ${message}`;
	return itemError;
}

/**
 * The item loop every operation of both nodes shares. The work reads each item's fields itself
 * (see readItem), so bad input fails its own item before any request for it; the output keeps
 * input order with `pairedItem` on every item. With "Continue On Fail" or the error output,
 * failing items become error items and the others go on; without it, no new work starts after a
 * failure and the first failing item's error (by item order) fails the node. A failure of the
 * work as a whole (it throws) is every unanswered item's failure under Continue On Fail, and the
 * node's failure without it. Every success item ends with the run's ids (see runIds); an error
 * item stays exactly `{error, message}`, the one shape n8n routes to the error output.
 */
export async function runOperation(ctx: IExecuteFunctions, work: OperationWork): Promise<INodeExecutionData[][]> {
	const continueOnFail = ctx.continueOnFail();
	const itemCount = ctx.getInputData().length;
	const outcomes: Array<ItemOutcome | undefined> = new Array(itemCount);
	const itemIndexes = Array.from({ length: itemCount }, (_, itemIndex) => itemIndex);

	let failed = false;
	const report: Report = (itemIndex, outcome) => {
		outcomes[itemIndex] = outcome;
		if (isItemError(outcome)) failed = true;
	};
	try {
		await work(itemIndexes, report, () => failed && !continueOnFail);
	} catch (error) {
		// The work failed as a whole (e.g. the credential was refused before any request). Without
		// Continue On Fail the node fails, as it always did. With it, n8n would pass the input items
		// through to the success output unchanged, which a reader takes for "done": every item not
		// yet answered becomes an error item instead.
		if (!continueOnFail) throw isItemError(error) ? error : new NodeOperationError(ctx.getNode(), error as Error);
		for (const itemIndex of itemIndexes) {
			if (outcomes[itemIndex] === undefined) report(itemIndex, runFailureFor(ctx, itemIndex, error));
		}
	}

	const ids = runIds(ctx);
	const traced = (json: IDataObject): IDataObject => withRunIds(json, ids);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const pairedItem = { item: itemIndex };
		if (isItemError(outcome)) {
			if (!continueOnFail) throw outcome;
			output.push({ json: errorItemJson(outcome), pairedItem });
		} else if (Array.isArray(outcome)) {
			for (const json of outcome) output.push({ json: traced(json), pairedItem });
		} else if (outcome !== undefined) {
			output.push({ json: traced(outcome), pairedItem });
		} else if (!failed) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} was never processed`, {
				itemIndex,
			});
		}
	}
	return [output];
}
