import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { asItemError } from '../../../shared/itemErrors';
import type { ItemOutcome, Report } from '../../../shared/runOperation';

/** Numbers are compared as bare international digits, short codes as digits or nothing. */
export function numberKey(digits: string, shortCode: string | null | undefined): string {
	return `${digits}|${shortCode ?? ''}`;
}

/** One (number, short code) asked for by one or more items: sent once, answered for each. */
export interface NumberGroup<E> {
	key: string;
	entry: E;
	itemIndexes: number[];
	/** Set once the group is answered: what each of its items comes to (see answerGroup). */
	answer?: (itemIndex: number) => ItemOutcome;
}

export interface BatchReading<E extends { digits: string; shortCode: string | null }> {
	ctx: IExecuteFunctions;
	itemIndexes: number[];
	/** Reads and checks one item; throws a NodeOperationError on bad input. */
	read: (itemIndex: number) => E;
	/**
	 * Items whose entries have the same key are one group: sent once, answered alike. Default:
	 * the number and short code. An operation whose records carry more (a Reason) keys on all of
	 * it, so that items asking for different things are never merged.
	 */
	groupKey?: (entry: E) => string;
	/**
	 * At most one group per number in a batch: groups of one number that differ in what they send
	 * go to different requests, so each record of an answer belongs to exactly one group.
	 */
	oneGroupPerNumber?: boolean;
	batchSize: number;
	/** How many batches are sent at once. */
	concurrency: number;
	/** Where a bad item's error, and an item joining an answered group, are reported. */
	report: Report;
	shouldStop: () => boolean;
}

/**
 * Answers every item of `group` from one result, now and for items that join the group later
 * (the reader reports those at once from `answer`).
 */
export function answerGroup<E>(group: NumberGroup<E>, answer: (itemIndex: number) => ItemOutcome, report: Report): void {
	group.answer = answer;
	for (const itemIndex of group.itemIndexes) report(itemIndex, answer(itemIndex));
}

/**
 * Reading pauses (one event-loop turn) after the first batch, and then at least this often, so
 * that what waits for the event loop is not held back by reading: the requests handed out, and
 * n8n's own steps between them (storing a renewed token before the first batch leaves, handling
 * each answer). Measured in real n8n (docs/performance.md): pausing every 20 ms while every sender
 * was busy held the first batch back behind the sign-in by about 70 ms more than pausing every
 * 2 ms, and slowed the whole 10,000-contact run by about a tenth.
 */
const PAUSE_EVERY_MS = 2;

/**
 * Reads items in order and hands a batch to `send` as soon as `batchSize` distinct groups are in
 * it, so the first request leaves after the first batch is read rather than after every item;
 * at most `concurrency` batches are with `send` at once. `send` answers the batch's groups
 * (answerGroup). A bad item fails alone before any request for it; an item of a known group joins
 * it, and is answered at once if that group has already been answered. With `oneGroupPerNumber`,
 * a batch holding a number that an earlier batch also holds is sent only once that one is
 * answered, so records of one number reach 2sms in item order.
 */
export async function sendInBatches<E extends { digits: string; shortCode: string | null }>(
	reading: BatchReading<E>,
	send: (batch: Array<NumberGroup<E>>) => Promise<void>,
): Promise<void> {
	const { ctx, read, batchSize, concurrency, report, shouldStop } = reading;
	const groups = new Map<string, NumberGroup<E>>();
	const ready: Array<Batch<E>> = [];
	const answered = new Map<number, Promise<void>>();
	const idle: Array<() => void> = [];
	let stillReading = true;
	const wake = () => idle.splice(0).forEach((resume) => resume());

	const handOut = (batch: Batch<E>) => {
		let done = () => {};
		answered.set(batch.seq, new Promise<void>((resolve) => (done = resolve)));
		ready.push({ ...batch, done: () => done() });
	};

	const sender = async () => {
		for (;;) {
			if (shouldStop()) return;
			const batch = ready.shift();
			if (batch) {
				// Earlier batches were handed out first, so each is in flight or answered: no deadlock.
				await Promise.all(batch.after.map(async (seq) => await answered.get(seq)));
				try {
					await send(batch.groups);
				} finally {
					batch.done?.();
				}
			} else if (!stillReading) return;
			else await new Promise<void>((resume) => idle.push(resume));
		}
	};
	const senders = Array.from({ length: Math.max(1, concurrency) }, sender);

	const groupKey = reading.groupKey ?? ((entry: E) => numberKey(entry.digits, entry.shortCode));
	const batches = openBatches<E>(batchSize, reading.oneGroupPerNumber === true);
	let lastPause = 0; // never: the first full batch pauses
	for (const itemIndex of reading.itemIndexes) {
		if (shouldStop()) break;
		let entry: E;
		try {
			entry = read(itemIndex);
		} catch (error) {
			report(itemIndex, asItemError(ctx, itemIndex, error));
			continue;
		}
		const key = groupKey(entry);
		const known = groups.get(key);
		if (known) {
			known.itemIndexes.push(itemIndex);
			if (known.answer) report(itemIndex, known.answer(itemIndex));
			continue;
		}
		const group = { key, entry, itemIndexes: [itemIndex] };
		groups.set(key, group);
		const full = batches.place(group);
		if (full.length === 0) continue;
		full.forEach(handOut);
		wake();
		if (Date.now() - lastPause >= PAUSE_EVERY_MS) {
			await sleep(0);
			lastPause = Date.now();
		}
	}
	batches.rest().forEach(handOut);
	stillReading = false;
	wake();
	await Promise.all(senders);
}

interface Batch<E> {
	seq: number;
	groups: Array<NumberGroup<E>>;
	/** Earlier batches holding one of this batch's numbers: this one is sent after they are answered. */
	after: number[];
	done?: () => void;
}

/**
 * Batches being filled, handed out in the order they were opened. Normally one is open; with
 * `oneGroupPerNumber`, a group whose number is already in the open batch goes to a later batch
 * (opened for it), so a number asked for twice with different contents costs one more request,
 * never a merged record. Work per group is constant unless its number repeats.
 */
function openBatches<E extends { digits: string }>(batchSize: number, oneGroupPerNumber: boolean) {
	const open = new Map<number, Batch<E>>();
	const lastBatchOf = new Map<string, number>();
	let head = 0; // every batch before this one has been handed out
	const take = (): Array<Batch<E>> => {
		const full: Array<Batch<E>> = [];
		for (let batch = open.get(head); batch && batch.groups.length >= batchSize; batch = open.get(head)) {
			open.delete(head++);
			full.push(batch);
		}
		return full;
	};
	return {
		/** Adds the group; returns the batches that are now full and may be sent, in order. */
		place(group: NumberGroup<E>): Array<Batch<E>> {
			let seq = head;
			const last = oneGroupPerNumber ? lastBatchOf.get(group.entry.digits) : undefined;
			if (last !== undefined && last >= seq) seq = last + 1;
			if (oneGroupPerNumber) lastBatchOf.set(group.entry.digits, seq);
			const batch = open.get(seq) ?? { seq, groups: [], after: [] };
			open.set(seq, batch);
			batch.groups.push(group);
			if (last !== undefined && !batch.after.includes(last)) batch.after.push(last);
			return take();
		},
		/** The batches not yet handed out at the end, in order. */
		rest(): Array<Batch<E>> {
			return [...open.values()].sort((a, b) => a.seq - b.seq);
		},
	};
}
