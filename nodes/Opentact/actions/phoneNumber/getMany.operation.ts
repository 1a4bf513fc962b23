import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { invalidInput } from '../../../shared/itemErrors';
import { parseNanpNumber } from '../../../shared/phoneNumber';
import { runOperation } from '../../../shared/runOperation';
import { fetchLeasePages, type LeasePages, type LeaseSearch } from '../../transport/leasePages';
import { type OpentactClient, openOpentactClient } from '../../transport/client';
import { LEASE_LIST_READS } from '../../transport/answers';
import { unusableAnswer } from './answerErrors';
import { leaseRecord } from './output';
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

/** An 11-digit number is the most a filter can match; more digits is a mistake, not a pattern. */
const MAX_FILTER_DIGITS = 11;

/** "+1 (201) 777-*" → "1201777*"; a full number without wildcard is normalised like any other. */
function readNumberFilter(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = ctx.getNodeParameter('numberFilter', itemIndex, '') as unknown;
	const text = String(value ?? '').replace(/[\s\-.()+]/g, '');
	if (text === '') return undefined;
	if (!/^[\d*]+$/.test(text)) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, 'may only hold digits and * wildcards');
	}
	if (text.includes('*')) {
		if (text.replace(/\*/g, '').length > MAX_FILTER_DIGITS) {
			throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, `has more than ${MAX_FILTER_DIGITS} digits, so no number can match it`);
		}
		// "1201**" means what "1201*" means; one star per gap keeps the pattern short.
		return text.replace(/\*+/g, '*');
	}
	const parsed = parseNanpNumber(text);
	if (!parsed.ok) throw invalidInput(ctx.getNode(), itemIndex, 'Number Filter', value, parsed.problem);
	return parsed.digits;
}

/** Limit as a whole number of 1 or more; an expression may give text, which must be digits. */
function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isFinite(number) || number < 1) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Limit', value, 'is not a whole number of 1 or more', 'Set Limit to how many numbers to return, or turn on Return All');
	}
	return Math.floor(number);
}

/**
 * The list read for one item: a list that changed while it was paged is read again
 * (LEASE_LIST_READS in all); one still inconsistent fails the item, since it may miss leases.
 */
async function readList(client: OpentactClient, search: LeaseSearch): Promise<LeasePages> {
	let pages = await fetchLeasePages(client, search);
	for (let read = 1; read < LEASE_LIST_READS && pages.ok && pages.inconsistency; read++) {
		pages = await fetchLeasePages(client, search);
	}
	return pages;
}

/** Leased numbers, paged with take/skip (100 a page), optionally filtered by a number pattern. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	const node = this.getNode();
	return await runOperation<LeaseSearch>(this, {
		prepare: (itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			return { tn: readNumberFilter(this, itemIndex), limit: returnAll ? undefined : readLimit(this, itemIndex) };
		},
		perform: async (items, report, shouldStop) => {
			if (items.length === 0) return;
			const client = await openOpentactClient(this, run.settings);
			const listOne = async ({ itemIndex, input }: { itemIndex: number; input: LeaseSearch }) => {
				const pages = await readList(client, input);
				if (!pages.ok) {
					const error =
						'answer' in pages ? client.itemError(itemIndex, pages.answer) : unusableAnswer(node, itemIndex, pages.problem, 'No numbers are output.');
					return report(itemIndex, error);
				}
				if (pages.inconsistency) {
					const problem = `the lease list changed while it was read, on each of ${LEASE_LIST_READS} reads (${pages.inconsistency})`;
					return report(itemIndex, unusableAnswer(node, itemIndex, problem, 'No numbers are output, since the list may be missing some. Run it again later, or narrow it with a Number Filter.'));
				}
				report(itemIndex, pages.leases.map((lease) => leaseRecord(lease, run.simplify)));
			};
			await mapWithConcurrency(items, run.settings.concurrency, listOne, shouldStop);
		},
	});
}
