import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared/runOperation';
import { numberKey } from './numberKeys';

/** One (number, short code) asked for by one or more items: sent once, answered for each. */
export interface NumberGroup<E> {
	key: string;
	entry: E;
	itemIndexes: number[];
}

export interface NumberBatchPlan<E extends { digits: string; shortCode: string | null }, R> {
	ctx: IExecuteFunctions;
	itemIndexes: number[];
	/** Reads and checks one item; throws a NodeOperationError on bad input. */
	read: (itemIndex: number) => E;
	batchSize: number;
	concurrency: number;
	/** Sends one batch and settles each of its groups (possibly after splitting it). */
	send: (batch: Array<NumberGroup<E>>, settle: (group: NumberGroup<E>, result: R) => void) => Promise<void>;
	/** What one item of a settled group comes to. */
	outcome: (itemIndex: number, entry: E, result: R) => ItemOutcome;
	report: (itemIndex: number, outcome: ItemOutcome) => void;
	shouldStop: () => boolean;
}

/**
 * Reading pauses (one event-loop turn) after the first batch, and then at least this often, so
 * the requests handed out can leave while items are still being read: every 2 ms while a worker
 * waits for work, every 20 ms while all are busy.
 */
const PAUSE_EVERY_MS = { workerWaiting: 2, allBusy: 20 };

function asItemError(ctx: IExecuteFunctions, itemIndex: number, error: unknown) {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${message}`, { itemIndex });
}

/**
 * Reads items in order and hands out a batch as soon as `batchSize` distinct numbers are in it,
 * so the first request leaves after the first batch is read rather than after every item.
 * A bad item fails alone before any request for it; a number seen again joins its group, and is
 * answered at once if that group has already been answered.
 */
export async function streamNumberBatches<E extends { digits: string; shortCode: string | null }, R>(
	plan: NumberBatchPlan<E, R>,
): Promise<void> {
	const { ctx, read, batchSize, concurrency, send, outcome, report, shouldStop } = plan;
	const groups = new Map<string, NumberGroup<E> & { result?: { value: R } }>();
	const ready: Array<Array<NumberGroup<E>>> = [];
	const idle: Array<() => void> = [];
	let reading = true;
	const wake = () => idle.splice(0).forEach((resume) => resume());

	const settle = (group: NumberGroup<E> & { result?: { value: R } }, result: R) => {
		group.result = { value: result };
		for (const itemIndex of group.itemIndexes) report(itemIndex, outcome(itemIndex, group.entry, result));
	};

	const worker = async () => {
		for (;;) {
			if (shouldStop()) return;
			const batch = ready.shift();
			if (batch) await send(batch, settle);
			else if (!reading) return;
			else await new Promise<void>((resume) => idle.push(resume));
		}
	};
	const workers = Array.from({ length: Math.max(1, concurrency) }, worker);

	let batch: Array<NumberGroup<E>> = [];
	let paused = false;
	let lastPause = Date.now();
	for (const itemIndex of plan.itemIndexes) {
		if (shouldStop()) break;
		let entry: E;
		try {
			entry = read(itemIndex);
		} catch (error) {
			report(itemIndex, asItemError(ctx, itemIndex, error));
			continue;
		}
		const key = numberKey(entry.digits, entry.shortCode);
		const known = groups.get(key);
		if (known) {
			known.itemIndexes.push(itemIndex);
			if (known.result) report(itemIndex, outcome(itemIndex, known.entry, known.result.value));
			continue;
		}
		const group = { key, entry, itemIndexes: [itemIndex] };
		groups.set(key, group);
		batch.push(group);
		if (batch.length < batchSize) continue;
		ready.push(batch);
		batch = [];
		const workerWaiting = idle.length > 0;
		wake();
		const sinceLastPause = Date.now() - lastPause;
		if (!paused || sinceLastPause >= PAUSE_EVERY_MS[workerWaiting ? 'workerWaiting' : 'allBusy']) {
			await sleep(0);
			paused = true;
			lastPause = Date.now();
		}
	}
	if (batch.length > 0) ready.push(batch);
	reading = false;
	wake();
	await Promise.all(workers);
}
