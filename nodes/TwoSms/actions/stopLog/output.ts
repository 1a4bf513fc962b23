import { STOP_LOG_STATUS } from './stopLogVocabulary';

/**
 * What a stop-log record's `Status` says, decided in this one place from the one vocabulary
 * table (stopLogVocabulary.ts). Only those words count, compared without regard to case or
 * surrounding spaces; anything else (missing, null, empty, `NotRemoved`, `Pending`, the other
 * action's word) is undefined: it proves nothing and the item is settled by reading back.
 */
export type StopLogAction = 'remove' | 'add';

export type StopLogOutcome = 'removed' | 'notOnStopLog' | 'added' | 'alreadyOnStopLog';

/** What each action claims when this run changed the stop log, and when it was already so. */
export const DONE: Record<StopLogAction, StopLogOutcome> = { remove: 'removed', add: 'added' };
export const ALREADY: Record<StopLogAction, StopLogOutcome> = { remove: 'notOnStopLog', add: 'alreadyOnStopLog' };

const WORDS: Record<StopLogAction, { done: string; already: string }> = {
	remove: { done: STOP_LOG_STATUS.removed.toLowerCase(), already: STOP_LOG_STATUS.notOnStopLog.toLowerCase() },
	add: { done: STOP_LOG_STATUS.added.toLowerCase(), already: STOP_LOG_STATUS.alreadyOnStopLog.toLowerCase() },
};

/** 'done', 'already', or undefined for a word we do not know. */
export function readStatus(action: StopLogAction, status: unknown): 'done' | 'already' | undefined {
	if (typeof status !== 'string') return undefined;
	const word = status.trim().toLowerCase();
	if (word === WORDS[action].done) return 'done';
	if (word === WORDS[action].already) return 'already';
	return undefined;
}
