import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItemJson, type ItemError } from './itemErrors';

/** What one input item came to: its output json (one or many) or its error. */
export type ItemOutcome = IDataObject | IDataObject[] | ItemError;

export interface PreparedItem<T> {
	itemIndex: number;
	input: T;
}

export interface OperationPlan<T> {
	/** Reads and checks one item's parameters; throws a NodeOperationError on bad input. */
	prepare(itemIndex: number): T;
	/**
	 * Does the work for all items that passed `prepare`, calling `report` once per item. It may
	 * group items into batches or run them concurrently; it should check `shouldStop` before
	 * starting new work.
	 */
	perform(
		items: Array<PreparedItem<T>>,
		report: (itemIndex: number, outcome: ItemOutcome) => void,
		shouldStop: () => boolean,
	): Promise<void>;
}

const isItemError = (outcome: unknown): outcome is ItemError =>
	outcome instanceof NodeApiError || outcome instanceof NodeOperationError;

function asItemError(ctx: IExecuteFunctions, itemIndex: number, error: unknown): ItemError {
	if (isItemError(error)) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
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
 * The item loop every operation of both nodes shares: all items are checked first (so bad input
 * never reaches the API), the work runs, and the output keeps input order with `pairedItem` on
 * every item. With "Continue On Fail" or the error output, failing items become error items and
 * the others go on; without it, no new work starts after a failure and the first failing item's
 * error (by item order) fails the node. A failure of the work as a whole (`perform` throws) is
 * every unanswered item's failure under Continue On Fail, and the node's failure without it.
 */
export async function runOperation<T>(
	ctx: IExecuteFunctions,
	plan: OperationPlan<T>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = ctx.continueOnFail();
	const itemCount = ctx.getInputData().length;
	const outcomes: Array<ItemOutcome | undefined> = new Array(itemCount);
	const prepared: Array<PreparedItem<T>> = [];

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push({ itemIndex, input: plan.prepare(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw asItemError(ctx, itemIndex, error);
			outcomes[itemIndex] = asItemError(ctx, itemIndex, error);
		}
	}

	let failed = false;
	const report = (itemIndex: number, outcome: ItemOutcome) => {
		outcomes[itemIndex] = outcome;
		if (isItemError(outcome)) failed = true;
	};
	try {
		await plan.perform(prepared, report, () => failed && !continueOnFail);
	} catch (error) {
		// The work failed as a whole (e.g. the credential was refused before any request). Without
		// Continue On Fail the node fails, as it always did. With it, n8n would pass the input items
		// through to the success output unchanged, which a reader takes for "done": every item not
		// yet answered becomes an error item instead.
		if (!continueOnFail) throw isItemError(error) ? error : new NodeOperationError(ctx.getNode(), error as Error);
		for (const { itemIndex } of prepared) {
			if (outcomes[itemIndex] === undefined) report(itemIndex, runFailureFor(ctx, itemIndex, error));
		}
	}

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const outcome = outcomes[itemIndex];
		const pairedItem = { item: itemIndex };
		if (isItemError(outcome)) {
			if (!continueOnFail) throw outcome;
			output.push({ json: errorItemJson(outcome), pairedItem });
		} else if (Array.isArray(outcome)) {
			for (const json of outcome) output.push({ json, pairedItem });
		} else if (outcome !== undefined) {
			output.push({ json: outcome, pairedItem });
		} else if (!failed) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex} was never processed`, {
				itemIndex,
			});
		}
	}
	return [output];
}
