import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequestSettings, requestOptionFields, type RequestSettings } from '../../../shared/commonOptions';

/** The number (or lease UUID) field, worded for the operation using it. */
export function phoneNumberField(action: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+1 201-777-1234',
		description: `The US or Canadian number to ${action}, in any common format (+1 201-777-1234, (201) 777-1234, 12017771234), or its lease UUID`,
		hint: 'Each number is looked up, and each lease changed, once per run, however many items repeat it',
	};
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: "Whether to return a trimmed version of Opentact's answer instead of the full object",
};

/** The "Options" collection: the operation's own options, then the request options both nodes share. */
export function optionsField(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, ...requestOptionFields],
	};
}

export interface RunOptions {
	settings: RequestSettings;
	simplify: boolean;
	/** The operation's own options (e.g. failIfAlreadyDisabled). */
	options: Record<string, unknown>;
}

/**
 * Run-wide settings, read once from the first item: concurrency and retries shape the whole run,
 * and reading them per item would cost an expression evaluation each for 10,000 items.
 */
export function readRunOptions(ctx: IExecuteFunctions, withSimplify = true): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return {
		settings: readRequestSettings(options),
		simplify: withSimplify ? (ctx.getNodeParameter('simplify', 0, true) as boolean) : true,
		options,
	};
}
