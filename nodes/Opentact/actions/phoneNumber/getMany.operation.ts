import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { invalidInput } from '../../../shared/itemErrors';
import { parseNanpNumber } from '../../../shared/phoneNumber';
import { runOperation } from '../../../shared/runOperation';
import { fetchLeasePages, type LeaseSearch } from '../../transport/leasePages';
import { openOpentactClient } from '../../transport/opentactClient';
import { leaseRecord } from './auditRecord';
import { optionsField, readRunOptions, simplifyField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Number Filter',
		name: 'numberFilter',
		type: 'string',
		default: '',
		placeholder: '1201777*',
		description: 'Only numbers matching this pattern: 11 digits, with * standing for any digits (1201* = area code 201). Empty lists every leased number.',
	},
	simplifyField,
	optionsField(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);

/** "+1 (201) 777-*" → "1201777*"; a full number without wildcard is normalised like any other. */
function readNumberFilter(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = ctx.getNodeParameter('numberFilter', itemIndex, '') as unknown;
	const text = String(value ?? '').replace(/[\s\-.()+]/g, '');
	if (text === '') return undefined;
	if (!/^[\d*]+$/.test(text)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, 'may only hold digits and * wildcards');
	}
	if (text.includes('*')) return text;
	const parsed = parseNanpNumber(text);
	if (!parsed.ok) throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, parsed.problem);
	return parsed.digits;
}

/** Leased numbers, paged with take/skip (100 a page), optionally filtered by a number pattern. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	return await runOperation<LeaseSearch>(this, {
		prepare: (itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? undefined : Math.max(1, Math.floor(this.getNodeParameter('limit', itemIndex, 50) as number));
			return { tn: readNumberFilter(this, itemIndex), limit };
		},
		perform: async (items, report, shouldStop) => {
			if (items.length === 0) return;
			const client = await openOpentactClient(this, run.settings);
			const listOne = async ({ itemIndex, input }: { itemIndex: number; input: LeaseSearch }) => {
				const pages = await fetchLeasePages(client, input);
				report(itemIndex, pages.ok ? pages.leases.map((lease) => leaseRecord(lease, run.simplify)) : client.itemError(itemIndex, pages.answer));
			};
			await mapWithConcurrency(items, run.settings.concurrency, listOne, shouldStop);
		},
	});
}
