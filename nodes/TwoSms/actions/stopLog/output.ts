import type { IDataObject } from 'n8n-workflow';

import { type ConfirmedBy, providerWords } from '../../../shared/audit';
import type { StopLogAction } from '../../transport/answers';
import type { RecordAnswer, StopLogChange } from '../../transport/stopLog';

/** What happened to one number (under Dry Run, what would): the audit trail compliance staff keep. */
export type StopLogOutcome = 'removed' | 'notOnStopLog' | 'added' | 'alreadyOnStopLog' | 'wouldRemove' | 'notListed';

/** What each action claims when this run changed the stop log, and when it was already so. */
export const DONE: Record<StopLogAction, StopLogOutcome> = { remove: 'removed', add: 'added' };
export const ALREADY: Record<StopLogAction, StopLogOutcome> = { remove: 'notOnStopLog', add: 'alreadyOnStopLog' };
/**
 * What Dry Run claims from the stop log as 2sms lists it. Listed: Remove would take the entry off
 * (`wouldRemove`), Add finds it already there. Not listed: `notListed` for both, never
 * "not on the stop log" or "would add": 2sms lists address-book contacts only, and a number that
 * is no contact can be on the stop log unlisted, so only a real run's answer can tell.
 */
export function dryRunOutcome(action: StopLogAction, listed: boolean): StopLogOutcome {
	if (!listed) return 'notListed';
	return action === 'remove' ? 'wouldRemove' : 'alreadyOnStopLog';
}

/** The longest provider words an output field keeps (`status`, `providerMessage`; see providerWords). */
const MAX_PROVIDER_WORDS = 200;

/**
 * The audit record of one Remove or Add item: the number, the short code 2sms applied, the
 * outcome and what proves it, 2sms's record (Status, MessageID) and credits. When a read-back
 * proved the outcome, 2sms's words that proved nothing are kept (redacted) with when it was read.
 */
export function changeRecord(
	entry: StopLogChange,
	answer: RecordAnswer,
	outcome: StopLogOutcome,
	confirmedBy: ConfirmedBy,
	readBackAt?: string,
): IDataObject {
	const { record } = answer;
	const json: IDataObject = {
		phoneNumber: `+${entry.digits}`,
		// The short code 2sms applied (its default when none was given), for the audit trail.
		shortCode: answer.shortCode ?? entry.shortCode,
		outcome,
		dryRun: false,
		status: typeof record.Status === 'string' ? record.Status : null,
		messageId: typeof record.MessageID === 'string' && record.MessageID !== '' ? record.MessageID : null,
		creditsUsed: answer.creditsUsed,
		creditsRemaining: answer.creditsRemaining,
		at: answer.at,
	};
	if (readBackAt !== undefined) {
		if (typeof json.status === 'string') json.status = providerWords(json.status, MAX_PROVIDER_WORDS);
		json.providerMessage = providerWords(answer.doubt ?? '', MAX_PROVIDER_WORDS);
		json.readBackAt = readBackAt;
	}
	json.confirmedBy = confirmedBy;
	return json;
}

/**
 * The record of one Remove or Add item under Dry Run: the fields of a real run's record, with
 * what the stop log read at `at` says would happen. Nothing was sent, so 2sms gave no Status,
 * MessageID or credits (null), and the short code is the one the item asked for (null: the
 * account's default, which only a change's answer names).
 */
export function dryRunRecord(entry: StopLogChange, outcome: StopLogOutcome, at: string): IDataObject {
	return {
		phoneNumber: `+${entry.digits}`,
		shortCode: entry.shortCode,
		outcome,
		dryRun: true,
		status: null,
		messageId: null,
		creditsUsed: null,
		creditsRemaining: null,
		at,
		providerMessage: null,
		readBackAt: at,
		confirmedBy: 'readBack',
	};
}

/**
 * The record of one Check item, as read at `at`: `onStopLog: true` when 2sms lists an entry that
 * counts; otherwise `null` (not known), with `listed: false` saying what was seen.
 */
export function checkRecord(entry: { digits: string; shortCode: string | null }, listed: boolean, at: string): IDataObject {
	return { phoneNumber: `+${entry.digits}`, shortCode: entry.shortCode, onStopLog: listed ? true : null, listed, at };
}
