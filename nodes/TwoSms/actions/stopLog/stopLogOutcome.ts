/**
 * What a stop-log record's `Status` means for the user, decided in this one place.
 *
 * ASSUMED: 2sms documents `Status` only as "sample string"; these are the words the simulator
 * answers (simulator/assumed.js TWO_SMS_STOP_LOG_STATUS). Matching ignores case, spaces and
 * underscores. A word we do not know is read by its shape, and failing that as the action having
 * been done: the response carried no error code, so 2sms accepted the record. The raw `status`
 * is always kept in the output so such a guess can be spotted.
 */
export type StopLogAction = 'remove' | 'add';

export type StopLogOutcome = 'removed' | 'notOnStopLog' | 'added' | 'alreadyOnStopLog' | 'failed';

const KNOWN_STATUSES: Record<string, StopLogOutcome> = {
	removed: 'removed',
	notonstoplog: 'notOnStopLog',
	added: 'added',
	alreadyonstoplog: 'alreadyOnStopLog',
};

const DONE: Record<StopLogAction, StopLogOutcome> = { remove: 'removed', add: 'added' };
const ALREADY: Record<StopLogAction, StopLogOutcome> = { remove: 'notOnStopLog', add: 'alreadyOnStopLog' };

export function stopLogOutcome(action: StopLogAction, status: unknown): StopLogOutcome {
	const word = typeof status === 'string' ? status.toLowerCase().replace(/[\s_-]+/g, '') : '';
	const known = KNOWN_STATUSES[word];
	if (known) return known;
	if (/fail|error|invalid|reject|denied/.test(word)) return 'failed';
	if (/^(not|already|nochange|unchanged|exists|notfound)/.test(word)) return ALREADY[action];
	return DONE[action];
}
