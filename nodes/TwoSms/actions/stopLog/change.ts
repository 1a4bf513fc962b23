import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { type ItemOutcome, type Report, runOperation } from '../../../shared/runOperation';
import type { StopLogAction } from '../../transport/answers';
import { type TwoSmsClient, openClient } from '../../transport/client';
import { type GroupResult, type RecordAnswer, sendStopLogChanges } from '../../transport/stopLog';
import {
	MAX_NUMBERS_PER_SEARCH,
	type SearchResult,
	type StopLogState,
	searchStopLog,
	searchStopLogs,
	stopLogState,
} from '../../transport/stopLogSearch';
import { type NumberGroup, answerGroup, numberKey, sendInBatches } from './batches';
import { type RunOptions, type StopLogEntry, readRunOptions, stopLogEntryReader } from './fields';
import { ALREADY, DONE, changeRecord, dryRunOutcome, dryRunRecord } from './output';

/** What reading the stop log back said about one group whose answer proved nothing. */
type ReadBack =
	| { ok: true; state: StopLogState; shortCode: string | null; at: string }
	| { ok: false; search: Exclude<SearchResult, { ok: true }> };

/** Items that differ in anything they send are separate records, never merged. */
const groupKey = (entry: StopLogEntry) =>
	[numberKey(entry.digits, entry.shortCode), entry.sendConfirmation ? '1' : '0', entry.reason].join('|');

/**
 * Remove from / Add to Stop Log: distinct records go out in batches (`batchSize` records a
 * request, one record per number, a few requests at once) as soon as each batch is read. Each
 * batch's answer comes back here: a group whose record says what happened, in words we know, is
 * answered at once; the others are settled by reading the stop log back (one search per 100 of
 * their numbers), then answered. Under Dry Run the stop log is only searched (see previewStopLog).
 */
export async function changeStopLog(ctx: IExecuteFunctions, action: StopLogAction): Promise<INodeExecutionData[][]> {
	return await runOperation(ctx, async (itemIndexes, report, shouldStop) => {
		// Inside the work, so that a configuration the node refuses becomes every item's error.
		const run = readRunOptions(ctx);
		const client = await openClient(ctx, run.settings);
		if (run.dryRun) return await previewStopLog(ctx, client, action, run, itemIndexes, report, shouldStop);
		const answer = (group: NumberGroup<StopLogEntry>, result: GroupResult, readBack?: ReadBack) =>
			answerGroup(group, (itemIndex) => changeOutcome(client, action, group.entry, itemIndex, result, readBack), report);

		const sendBatch = async (batch: Array<NumberGroup<StopLogEntry>>) => {
			const unproven: Array<{ group: NumberGroup<StopLogEntry>; answer: RecordAnswer }> = [];
			for await (const results of sendStopLogChanges(client, action, batch, run.defaultCountry, shouldStop)) {
				for (const [group, result] of results) {
					if (result.ok && result.answer.says === undefined) unproven.push({ group, answer: result.answer });
					else answer(group, result);
				}
			}
			if (unproven.length === 0) return;
			const numbers = [...new Set(unproven.map(({ group }) => group.entry.digits))];
			const searches = await searchStopLogs(client, numbers, run.defaultCountry);
			for (const { group, answer: record } of unproven) {
				answer(group, { ok: true, answer: record }, readBackOf(action, group.entry, record, searches));
			}
		};

		await sendInBatches(
			{
				ctx,
				itemIndexes,
				read: stopLogEntryReader(ctx, run.defaultCountry),
				groupKey,
				oneGroupPerNumber: true,
				batchSize: run.batchSize,
				concurrency: run.settings.concurrency,
				report,
				shouldStop,
			},
			sendBatch,
		);
	});
}

/**
 * What the stop log, read back, says about one group: judged on its number and short code (the
 * one it asked for, else the one 2sms named in its record). Remove proves "off" only when no
 * entry could block that short code; Add proves "on" only by an entry for that short code or a
 * general one (see stopLogState).
 */
function readBackOf(action: StopLogAction, entry: StopLogEntry, answer: RecordAnswer, searches: Map<string, SearchResult>): ReadBack {
	const shortCode = entry.shortCode ?? answer.shortCode;
	const result = searches.get(entry.digits) as SearchResult;
	if (!result.ok) return { ok: false, search: result };
	const state = stopLogState(result.snapshot, entry.digits, shortCode, action === 'remove');
	return { ok: true, state, shortCode, at: result.snapshot.at };
}

/** What 2sms said about one number, proven, as one item's audit record (or its error). */
function changeOutcome(
	client: TwoSmsClient,
	action: StopLogAction,
	entry: StopLogEntry,
	itemIndex: number,
	result: GroupResult,
	readBack: ReadBack | undefined,
): ItemOutcome {
	if (!result.ok) {
		if ('problem' in result) return client.unusableAnswer(itemIndex, result.problem, result.attempts);
		return client.itemError(itemIndex, result.answer, result.note);
	}
	const { answer } = result;
	if (answer.says === 'done') return changeRecord(entry, answer, DONE[action], 'answer');
	if (answer.says === 'already') {
		// Already so after an attempt of ours that may have been applied: this run made the change.
		if (answer.afterLostAnswer) return changeRecord(entry, answer, DONE[action], 'retryAfterLostAnswer');
		return changeRecord(entry, answer, ALREADY[action], 'answer');
	}
	const said = `2sms answered ${answer.doubt} for +${entry.digits}, which proves nothing`;
	if (!readBack) return client.unusableAnswer(itemIndex, `${said}, and the stop log was not read back`);
	if (!readBack.ok) {
		const why = 'answer' in readBack.search ? readBack.search.answer.reason.message : readBack.search.unreadable;
		return client.unusableAnswer(itemIndex, `${said}, and reading the stop log back failed: ${why}`);
	}
	const { state } = readBack;
	if (!state.known) return client.unusableAnswer(itemIndex, `${said}, and the stop log read back cannot tell: ${state.why}`);
	const where = readBack.shortCode === null ? '' : ` for short code ${readBack.shortCode}`;
	if (action === 'remove' && !state.listed) {
		// 2sms lists address-book contacts only: a number that is not listed may still be on the
		// stop log as a number that is no contact, so the listing cannot prove a removal.
		return client.unusableAnswer(
			itemIndex,
			`${said}, and the stop log read back does not list the number${where}, which does not prove it is off: 2sms lists address-book contacts only`,
		);
	}
	if (state.listed !== (action === 'add')) {
		return client.unusableAnswer(itemIndex, `${said}, and the stop log read back shows the number ${action === 'add' ? 'not on' : 'still on'} the stop log${where}`);
	}
	// The state is as asked. After a refusal this request did not make it so, unless an
	// earlier attempt of it may have been applied.
	const outcome = answer.refused && !answer.afterLostAnswer ? ALREADY[action] : DONE[action];
	return changeRecord(entry, answer, outcome, 'readBack', readBack.at);
}

/**
 * Dry Run: items are read and grouped as a real run would send them, and each batch's numbers
 * are looked up with Check's search (one per 100 numbers, with all its completeness rules); no
 * change is sent. Each item says what the stop log read shows would happen to it.
 */
async function previewStopLog(
	ctx: IExecuteFunctions,
	client: TwoSmsClient,
	action: StopLogAction,
	run: RunOptions,
	itemIndexes: number[],
	report: Report,
	shouldStop: () => boolean,
): Promise<void> {
	await sendInBatches(
		{
			ctx,
			itemIndexes,
			read: stopLogEntryReader(ctx, run.defaultCountry),
			groupKey,
			batchSize: Math.min(run.batchSize, MAX_NUMBERS_PER_SEARCH),
			concurrency: run.settings.concurrency,
			report,
			shouldStop,
		},
		async (batch) => {
			const numbers = [...new Set(batch.map((group) => group.entry.digits))];
			const result = await searchStopLog(client, numbers, run.defaultCountry);
			for (const group of batch) {
				answerGroup(group, (itemIndex) => previewOutcome(client, action, group.entry, itemIndex, result), report);
			}
		},
	);
}

/**
 * What the stop log as 2sms lists it says a Remove or Add would do for one item (dryRunOutcome).
 * Only an entry that surely counts for the item's short code proves "on"; no listed entry is
 * `notListed`. With no Short Code, the change would be made on the account's default short code,
 * which only a change's answer names, so an entry listed for other short codes only proves
 * neither, and the item fails saying so (as Add's read-back does; see stopLogState).
 */
function previewOutcome(
	client: TwoSmsClient,
	action: StopLogAction,
	entry: StopLogEntry,
	itemIndex: number,
	result: SearchResult,
): ItemOutcome {
	if (!result.ok) {
		return 'answer' in result ? client.itemError(itemIndex, result.answer) : client.unusableAnswer(itemIndex, result.unreadable, result.attempts);
	}
	const state = stopLogState(result.snapshot, entry.digits, entry.shortCode, false);
	if (!state.known) {
		const listedElsewhere = entry.shortCode === null && (result.snapshot.listed.get(entry.digits) ?? []).length > 0;
		const hint = listedElsewhere ? '; give the Short Code to dry-run this number' : '';
		return client.unusableAnswer(itemIndex, `what a real run would do to +${entry.digits} cannot be told: ${state.why}${hint}`);
	}
	return dryRunRecord(entry, dryRunOutcome(action, state.listed), result.snapshot.at);
}
