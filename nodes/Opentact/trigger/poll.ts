import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/options';
import { openClient, type OpentactClient } from '../transport/client';
import { opentactFailure, unusableAnswer } from '../transport/errors';
import { type InboundEntry, INBOUND_PAGE_SIZE, searchInbound } from '../transport/inboundSearch';
import { readTriggerSettings, type TriggerSettings } from './fields';
import { readMessage } from './inbound';

/*
 * The polling trigger's poll(), for an n8n Opentact cannot reach: reads the inbound SMS search
 * oldest first from a watermark (the newest `created_on` seen), de-duplicated by message id. The
 * first poll of an active workflow is a baseline and emits nothing (a new trigger does not replay
 * the account's history); a manual "Fetch Test Event" shows the newest message of a chosen event.
 */

/** ASSUMED: the most pages one poll reads (1,000 messages); the rest waits for the next poll. */
export const MAX_POLL_PAGES = 10;

/**
 * ASSUMED: how far before the watermark each poll reads again. A message stored with a
 * `created_on` just before one already read (two inserts committed out of order) is still found;
 * the ids remembered (below) keep what was emitted from being emitted twice.
 */
export const POLL_OVERLAP_MS = 30_000;

/** ASSUMED: the most message ids remembered; only those inside the overlap are ever needed. */
export const MAX_REMEMBERED_IDS = 2000;

/** The poll's state in the node's static data, replaced as a whole each poll. */
interface PollState {
	/** The newest `created_on` seen (ISO), or null when the account had no message at the baseline. */
	watermark: string | null;
	/** [id, created_on ms] of messages seen inside the overlap before the watermark. */
	recent: Array<[string, number]>;
}

const STATE_KEY = 'inbound';

function stateOf(staticData: IDataObject): PollState | undefined {
	const value = staticData[STATE_KEY] as Partial<PollState> | undefined;
	if (typeof value !== 'object' || value === null || !Array.isArray(value.recent)) return undefined;
	const watermark = typeof value.watermark === 'string' && !Number.isNaN(Date.parse(value.watermark)) ? value.watermark : null;
	const recent = value.recent.filter((entry): entry is [string, number] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number');
	return { watermark, recent };
}

/** The ids worth remembering: those inside the overlap before the watermark, newest kept. */
function remembered(entries: Array<[string, number]>, watermarkMs: number): Array<[string, number]> {
	const kept = entries.filter(([, at]) => at >= watermarkMs - POLL_OVERLAP_MS);
	kept.sort((a, b) => a[1] - b[1]);
	return kept.slice(-MAX_REMEMBERED_IDS);
}

const POLL_SETTINGS = readRequestSettings({ maxRetries: 2, timeoutMs: 30_000 });

const DOING = 'reading new inbound SMS';
const NOTHING_EMITTED = 'Nothing was emitted, and the watermark did not move: the next poll reads the same messages again.';

async function page(ctx: IPollFunctions, client: OpentactClient, search: Parameters<typeof searchInbound>[1]): Promise<InboundEntry[]> {
	const result = await searchInbound(client, search);
	if (result.ok) return result.entries;
	throw 'answer' in result
		? opentactFailure(ctx.getNode(), DOING, result.answer, NOTHING_EMITTED)
		: unusableAnswer(ctx.getNode(), DOING, result.problem, NOTHING_EMITTED);
}

/** Items of the messages whose event was chosen (and every unrecognized one), oldest first. */
function itemsOf(entries: InboundEntry[], settings: TriggerSettings): INodeExecutionData[] {
	const now = new Date();
	return entries
		.map((entry) => readMessage(entry.message, settings.rules, now))
		.filter((read) => read.event === 'unrecognized' || (read.event !== 'outbound' && settings.wants(read.event)))
		.map((read) => ({ json: read.json }));
}

export async function pollInbound(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readTriggerSettings(this);
	const client = await openClient(this, POLL_SETTINGS);

	if (this.getMode() === 'manual') {
		// One sample: the newest message of a chosen event among the latest page. Static data is
		// left alone, so testing never moves the watermark of the active workflow.
		const latest = await page(this, client, { order: 'DESC', skip: 0 });
		const newestFirst = [...latest].sort((a, b) => b.at - a.at);
		const sample = itemsOf(newestFirst, settings)[0];
		return sample ? [[sample]] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const state = stateOf(staticData);
	if (!state) {
		// Baseline: remember where the account's messages end now; emit nothing.
		const latest = await page(this, client, { order: 'DESC', skip: 0 });
		const newest = latest.reduce((max, entry) => Math.max(max, entry.at), Number.NEGATIVE_INFINITY);
		const watermark = Number.isFinite(newest) ? new Date(newest).toISOString() : null;
		staticData[STATE_KEY] = { watermark, recent: remembered(latest.map((entry) => [entry.id, entry.at]), newest) } satisfies PollState;
		return null;
	}

	const fromMs = state.watermark === null ? undefined : Date.parse(state.watermark) - POLL_OVERLAP_MS;
	const seen = new Set(state.recent.map(([id]) => id));
	const fresh: InboundEntry[] = [];
	let newest = state.watermark === null ? Number.NEGATIVE_INFINITY : Date.parse(state.watermark);
	let previous = Number.NEGATIVE_INFINITY;
	let older = 0;
	let complete = false;
	for (let index = 0; index < MAX_POLL_PAGES && !complete; index++) {
		const entries = await page(this, client, {
			from: fromMs === undefined ? undefined : new Date(fromMs).toISOString(),
			order: 'ASC',
			skip: index * INBOUND_PAGE_SIZE,
		});
		for (const entry of entries) {
			// The watermark only holds if the answer is oldest first, as asked.
			if (entry.at < previous) {
				throw unusableAnswer(this.getNode(), DOING, 'the inbound search did not list messages oldest first, as asked', NOTHING_EMITTED);
			}
			previous = entry.at;
			if (fromMs !== undefined && entry.at < fromMs) {
				older++; // a server that ignored created_on_from: already seen by an earlier poll
				continue;
			}
			newest = Math.max(newest, entry.at);
			if (seen.has(entry.id)) continue;
			seen.add(entry.id);
			fresh.push(entry);
		}
		complete = entries.length < INBOUND_PAGE_SIZE;
	}
	if (!complete && fresh.length === 0) {
		const why = older > 0 ? `${older} of them older than asked (the search seems to ignore created_on_from)` : `all within ${POLL_OVERLAP_MS / 1000} seconds`;
		throw unusableAnswer(this.getNode(), DOING, `${MAX_POLL_PAGES} pages of the inbound search held no new message, ${why}`, NOTHING_EMITTED);
	}
	const known = [...state.recent, ...fresh.map((entry): [string, number] => [entry.id, entry.at])];
	staticData[STATE_KEY] = {
		watermark: Number.isFinite(newest) ? new Date(newest).toISOString() : null,
		recent: remembered(known, newest),
	} satisfies PollState;
	const items = itemsOf(fresh, settings);
	return items.length > 0 ? [items] : null;
}
