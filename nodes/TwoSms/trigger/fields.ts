import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readRequestSettings, requestOptionFields, type RequestSettings } from '../../shared/options';
import { COUNTRY_RULES } from '../../shared/phoneNumber';
import { DEFAULT_COUNTRY, runOptionFields } from '../actions/stopLog/fields';

/*
 * The fields both events of the 2sms Trigger share, and the readers that check them once per poll.
 * A field the trigger cannot use fails the poll with words for the user (n8n shows it on the
 * first poll, when the workflow is activated, and records it as a failed execution later).
 */

export type TriggerEvent = 'stopLogChanged' | 'inboundKeyword';

export const eventField: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Inbound Keyword',
			value: 'inboundKeyword',
			description: 'A reply that is an opt-out, opt-in or help keyword (STOP, START, HELP, …) arrives',
		},
		{
			name: 'Stop Log Changed',
			value: 'stopLogChanged',
			description: 'Numbers appear on (or leave) the 2sms stop-log listing',
		},
	],
	default: 'stopLogChanged',
};

/** The options of one event: its own, then Default Country and the retry and timeout options. */
export function triggerOptionsField(event: TriggerEvent, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { event: [event] } },
		options: [
			...own,
			...runOptionFields.filter((field) => field.name === 'defaultCountry'),
			...requestOptionFields.filter((field) => field.name !== 'concurrency'),
		],
	};
}

export interface TriggerOptions {
	defaultCountry: string;
	settings: RequestSettings;
	given: IDataObject;
}

export function readTriggerOptions(ctx: IPollFunctions): TriggerOptions {
	const given = ctx.getNodeParameter('options', {}) as IDataObject;
	const country = String(given.defaultCountry ?? DEFAULT_COUNTRY).toUpperCase();
	if (!(country in COUNTRY_RULES)) {
		throw new NodeOperationError(ctx.getNode(), `Default Country "${country}" is not supported`, {
			description: `Choose one of ${Object.keys(COUNTRY_RULES).join(', ')}.`,
		});
	}
	// One request at a time: a poll reads pages in order.
	return { defaultCountry: country, settings: { ...readRequestSettings(given as { maxRetries?: number; timeoutMs?: number }), concurrency: 1 }, given };
}

/** An optional text option, trimmed; at most `maxLength` characters. */
export function readTextOption(ctx: IPollFunctions, given: IDataObject, name: string, label: string, maxLength: number): string | undefined {
	const value = given[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new NodeOperationError(ctx.getNode(), `${label} must be text`);
	}
	const text = String(value).trim();
	if (text.length > maxLength) throw new NodeOperationError(ctx.getNode(), `${label} is longer than ${maxLength} characters`);
	return text === '' ? undefined : text;
}
