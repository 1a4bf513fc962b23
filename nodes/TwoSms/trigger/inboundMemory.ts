import type { IDataObject } from 'n8n-workflow';

/*
 * What Inbound Keyword remembers between polls: where the last window ended, and the replies seen
 * that a later window may list again (the windows overlap, so that a reply 2sms writes into its
 * report late is still read). A reply is remembered by a key (see inboundKeyword.ts) with the
 * time that decides when it can no longer come back: its date, or the end of the window that
 * listed it when its date cannot be read.
 */

export interface InboundMemory {
	/** Which replies the window is of (short code, Default Country): another query starts a new baseline. */
	query: string;
	/** The end of the last window read (ms, whole seconds). */
	end: number;
	/** Key of a reply seen → its time (ms). */
	seen: Map<string, number>;
}

/**
 * The most replies remembered. Past it the oldest are forgotten: one of them listed again would be
 * reported twice (a duplicate, never a loss). It is also the most replies one poll reads.
 */
export const MAX_REMEMBERED_REPLIES = 10_000;

const VERSION = 1;

export function encodeInboundMemory(memory: InboundMemory): IDataObject {
	const seen = [...memory.seen].sort((a, b) => a[1] - b[1]).slice(-MAX_REMEMBERED_REPLIES);
	return {
		v: VERSION,
		query: memory.query,
		end: new Date(memory.end).toISOString(),
		seen: seen.map(([key, time]) => `${key} ${Math.floor(time / 1000).toString(36)}`),
	};
}

/** The memory back from static data, or undefined when there is none this version wrote (a new baseline). */
export function decodeInboundMemory(stored: unknown): InboundMemory | undefined {
	if (typeof stored !== 'object' || stored === null) return undefined;
	const { v, query, end, seen } = stored as IDataObject;
	const endMs = typeof end === 'string' ? Date.parse(end) : NaN;
	if (v !== VERSION || typeof query !== 'string' || !Number.isFinite(endMs) || !Array.isArray(seen)) return undefined;
	const replies = new Map<string, number>();
	for (const entry of seen) {
		if (typeof entry !== 'string') return undefined;
		const space = entry.lastIndexOf(' ');
		const seconds = parseInt(entry.slice(space + 1), 36);
		if (space <= 0 || !Number.isSafeInteger(seconds)) return undefined;
		replies.set(entry.slice(0, space), seconds * 1000);
	}
	return { query, end: endMs, seen: replies };
}
