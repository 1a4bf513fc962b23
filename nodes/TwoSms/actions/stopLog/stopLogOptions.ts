import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type RequestSettings, readRequestSettings, requestOptionFields } from '../../../shared/options';
import { COUNTRY_RULES } from '../../../shared/phoneNumber';

/** ASSUMED: 2sms documents no maximum batch size; 100 records keep one request small and fast. */
export const DEFAULT_BATCH_SIZE = 100;
/** ASSUMED: the most records one request may carry (simulator/assumed.js TWO_SMS_MAX_RECORDS_PER_REQUEST). */
export const MAX_BATCH_SIZE = 1000;
/** ASSUMED: API-NOTES: national numbers are most likely British. */
export const DEFAULT_COUNTRY = 'GB';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

const countryOptions = Object.keys(COUNTRY_RULES)
	.map((code) => ({ name: `${regionNames.of(code) ?? code} (+${COUNTRY_RULES[code].callingCode})`, value: code }))
	.sort((a, b) => a.name.localeCompare(b.name));

/** The "Options" collection of the stop-log operations named in `operations`. */
export function stopLogOptionsField(operations: string[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['stopLog'], operation: operations } },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
				default: DEFAULT_BATCH_SIZE,
				description: 'How many numbers go to 2sms in one request. Items are always answered one by one.',
			},
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'options',
				options: countryOptions,
				default: DEFAULT_COUNTRY,
				description: 'Country of numbers written without a country code, e.g. 07700 900123',
			},
			...requestOptionFields,
		],
	};
}

export interface StopLogOptions {
	defaultCountry: string;
	batchSize: number;
	settings: RequestSettings;
}

/** Options are read once per run (from the first item), not per item. */
export function readStopLogOptions(ctx: IExecuteFunctions): StopLogOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as {
		batchSize?: number;
		defaultCountry?: string;
		concurrency?: number;
		maxRetries?: number;
		timeoutMs?: number;
	};
	const batchSize = Math.floor(Number(options.batchSize ?? DEFAULT_BATCH_SIZE)) || DEFAULT_BATCH_SIZE;
	const country = String(options.defaultCountry ?? DEFAULT_COUNTRY).toUpperCase();
	if (!(country in COUNTRY_RULES)) {
		throw new NodeOperationError(ctx.getNode(), `Default Country "${country}" is not supported`, {
			description: `Choose one of ${Object.keys(COUNTRY_RULES).join(', ')}.`,
		});
	}
	return {
		defaultCountry: country,
		batchSize: Math.min(MAX_BATCH_SIZE, Math.max(1, batchSize)),
		settings: readRequestSettings(options),
	};
}
