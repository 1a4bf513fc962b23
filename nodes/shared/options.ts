import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';

/** Options both nodes offer under "Options", with the same names and meaning. */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Concurrent Requests',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 20,
		description:
			'How many requests this node keeps in flight at once. A provider that answers "too many requests" slows the whole run down by itself; lower this if it keeps doing so.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		// A literal, as n8n's lint requires; must equal DEFAULT_RETRY_POLICY.maxRetries.
		default: 4,
		description:
			'How often a request is retried after a server error (5xx) or a dropped connection. Rate limits (429) are waited out as the provider asks (up to 10 minutes per request) without using a retry. Other errors are never retried.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 30000,
		description: 'How long to wait for each answer before treating the request as failed (and retrying it)',
	},
];

export interface RequestSettings {
	concurrency: number;
	timeoutMs: number;
	policy: RetryPolicy;
}

/**
 * The "Options" collection of one operation: its own options, then the request options both nodes
 * share. Each operation has its own collection (n8n shows the one whose `displayOptions` match).
 */
export function optionsField(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...own, ...requestOptionFields],
	};
}

/** Reads the shared options from a node's "Options" collection. */
export function readRequestSettings(options: { concurrency?: number; maxRetries?: number; timeoutMs?: number }): RequestSettings {
	return {
		concurrency: Math.max(1, Math.floor(options.concurrency ?? 20)),
		timeoutMs: Math.max(1000, Math.floor(options.timeoutMs ?? 30000)),
		policy: { ...DEFAULT_RETRY_POLICY, maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries)) },
	};
}
