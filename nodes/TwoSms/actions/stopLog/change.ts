import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { type ConfirmedBy, providerWords } from '../../../shared/audit';
import { providerError } from '../../../shared/itemErrors';
import { type ItemOutcome, runOperation } from '../../../shared/runOperation';
import { twoSmsClient, twoSmsItemError } from '../../transport/client';
import { numberKey } from './numberKeys';
import { type Unproven, readBack } from './readBack';
import { type StopLogEntry, stopLogEntryReader } from './readStopLogEntry';
import { type GroupResult, sendStopLogBatch } from '../../transport/stopLog';
import { ALREADY, DONE, type StopLogAction } from './output';
import { readStopLogOptions } from './stopLogOptions';
import { streamNumberBatches } from './batches';

/** The longest provider words an output field keeps (`status`, `providerMessage`; see providerWords). */
const MAX_PROVIDER_WORDS = 200;

const OK_ANSWER = { status: 200, summary: 'HTTP 200' };

/** The item error for an answer that proves nothing about it, in 2sms's words and ours. */
function unproven(node: INode, itemIndex: number, message: string, attempts = 1) {
	return providerError(node, itemIndex, '2sms', OK_ANSWER, { message }, attempts);
}

/** Turns what 2sms said about one number into the item's audit record (or its error). */
function itemOutcome(node: INode, action: StopLogAction, entry: StopLogEntry, itemIndex: number, result: GroupResult): ItemOutcome {
	if (!result.ok) {
		if ('problem' in result) return unproven(node, itemIndex, result.problem, result.attempts);
		if (!result.note) return twoSmsItemError(node, itemIndex, result.answer);
		const { failure, reason, attempts } = result.answer;
		return providerError(node, itemIndex, '2sms', failure, { ...reason, message: `${reason.message}; ${result.note}` }, attempts);
	}
	const { answer } = result;
	const { record } = answer;
	const json: IDataObject = {
		phoneNumber: `+${entry.digits}`,
		// The short code 2sms applied (its default when none was given), for the audit trail.
		shortCode: answer.shortCode ?? entry.shortCode,
		outcome: DONE[action],
		status: typeof record.Status === 'string' ? record.Status : null,
		messageId: typeof record.MessageID === 'string' && record.MessageID !== '' ? record.MessageID : null,
		creditsUsed: answer.creditsUsed,
		creditsRemaining: answer.creditsRemaining,
		at: answer.at,
	};
	let confirmedBy: ConfirmedBy = 'answer';
	if (answer.says === 'already') {
		// Already so after an attempt of ours that may have been applied: this run made the change.
		if (answer.afterLostAnswer) confirmedBy = 'retryAfterLostAnswer';
		else json.outcome = ALREADY[action];
	} else if (answer.says === undefined) {
		const said = `2sms answered ${answer.doubt} for +${entry.digits}, which proves nothing`;
		const back = result.readBack;
		if (!back) return unproven(node, itemIndex, `${said}, and the stop log was not read back`);
		if (!back.ok) {
			const why = 'answer' in back.search ? back.search.answer.reason.message : back.search.unreadable;
			return unproven(node, itemIndex, `${said}, and reading the stop log back failed: ${why}`);
		}
		if (!back.state.known) return unproven(node, itemIndex, `${said}, and the stop log read back cannot tell: ${back.state.why}`);
		const wanted = action === 'add';
		if (back.state.onStopLog !== wanted) {
			const where = back.shortCode === null ? '' : ` for short code ${back.shortCode}`;
			return unproven(node, itemIndex, `${said}, and the stop log read back shows the number ${wanted ? 'not on' : 'still on'} the stop log${where}`);
		}
		// The state is as asked. After a refusal this request did not make it so, unless an
		// earlier attempt of it may have been applied.
		if (answer.refused && !answer.afterLostAnswer) json.outcome = ALREADY[action];
		confirmedBy = 'readBack';
		if (typeof json.status === 'string') json.status = providerWords(json.status, MAX_PROVIDER_WORDS);
		json.providerMessage = providerWords(answer.doubt ?? '', MAX_PROVIDER_WORDS);
		json.readBackAt = back.at;
	}
	json.confirmedBy = confirmedBy;
	return json;
}

/** Items that differ in anything they send are separate records, never merged. */
const groupKey = (entry: StopLogEntry) =>
	[numberKey(entry.digits, entry.shortCode), entry.sendConfirmation ? '1' : '0', entry.reason].join('|');

/**
 * Remove from / Add to Stop Log: distinct records go out in batches (`batchSize` records a
 * request, one record per number, a few requests at once) as soon as each batch is read, each
 * item answered from its record, and records whose answer proves nothing settled by reading back.
 */
export async function changeStopLog(ctx: IExecuteFunctions, action: StopLogAction): Promise<INodeExecutionData[][]> {
	const node = ctx.getNode(); // a deep copy per call: taken once, not per item
	return await runOperation(ctx, async (itemIndexes, report, shouldStop) => {
			// Fields are read as each batch is formed (see batches.ts).
			// Inside the work, so that a configuration the node refuses becomes every item's error.
			const options = readStopLogOptions(ctx);
			const client = await twoSmsClient(ctx, options.settings);
			await streamNumberBatches<StopLogEntry, GroupResult>({
				ctx,
				itemIndexes,
				read: stopLogEntryReader(ctx, options.defaultCountry),
				groupKey,
				oneGroupPerNumber: true,
				batchSize: options.batchSize,
				concurrency: options.settings.concurrency,
				async send(batch, settle) {
					const doubtful: Unproven[] = [];
					await sendStopLogBatch(client, action, batch, options.defaultCountry, (group, result) => {
						if (result.ok && result.answer.says === undefined) doubtful.push({ group, answer: result.answer });
						else settle(group, result);
					}, shouldStop);
					if (doubtful.length === 0) return;
					await readBack(client, action, doubtful, options.defaultCountry, ({ group, answer }, back) =>
						settle(group, { ok: true, answer, readBack: back }),
					);
				},
				outcome: (itemIndex, entry, result) => itemOutcome(node, action, entry, itemIndex, result),
				report,
				shouldStop,
			});
	});
}
