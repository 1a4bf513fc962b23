import type { NodeApiError } from 'n8n-workflow';

import { withDetail } from '../../shared/itemErrors';
import type { FailedAnswer, TwoSmsClient } from '../transport/client';

/** What a failed read came to: 2sms's refusal, or answers we could not use (in our words). */
export type ReadFailure = { answer: FailedAnswer } | { unreadable: string; attempts: number };

/**
 * The error a poll throws when it could not read what it needs. Thrown, it follows n8n's habit
 * for polling triggers: on the poll that activates the workflow, activation fails and says why;
 * on a later poll, n8n records a failed execution (and runs the Error Workflow) and keeps polling.
 * Nothing is emitted and the trigger's memory is left as it was, so the next poll that succeeds
 * finds every change this one could not.
 */
export function pollFailure(client: TwoSmsClient, failure: ReadFailure, what: string): NodeApiError {
	const error = 'answer' in failure ? client.pollError(failure.answer) : client.unusablePollAnswer(failure.unreadable, failure.attempts);
	return withDetail(error, `Nothing was emitted and what the trigger remembers was kept: the next poll reads ${what} again.`);
}
