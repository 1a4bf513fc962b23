import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { invalidInput } from '../../../shared/itemErrors';
import { optionsField } from '../../../shared/options';
import { parsePhoneNumber } from '../../../shared/phoneNumber';
import { readItem, runOperation } from '../../../shared/runOperation';
import { openClient } from '../../transport/client';
import { type ListedEntry, type ListingFilters, listedEntryJson, readStopLogListing } from '../../transport/stopLogListing';
import { MAX_NUMBERS_PER_SEARCH } from '../../transport/stopLogSearch';
import { readRunOptions, runOptionFields } from './fields';

/** The listing's filters (FACT: docs/api-notes.md, 2sms "Stop log"), as the editor shows them. */
const FILTERS = [
	{ name: 'mobilePhones', displayName: 'Mobile Phones', sent: 'MobilePhone', placeholder: '+44 7700 900123, 07700 900124', description: `Only these numbers, separated by commas (at most ${MAX_NUMBERS_PER_SEARCH})` },
	{ name: 'addressBookGroupId', displayName: 'Address Book Group ID', sent: 'AddressBookGroupID', placeholder: '', description: 'Only contacts of this address-book group' },
	{ name: 'emailAddress', displayName: 'Email Address', sent: 'EmailAddress', placeholder: 'name@email.com', description: 'Only contacts with this email address' },
	{ name: 'firstName', displayName: 'First Name', sent: 'FirstName', placeholder: '', description: 'Only contacts with this first name' },
	{ name: 'lastName', displayName: 'Last Name', sent: 'LastName', placeholder: '', description: 'Only contacts with this last name' },
	{ name: 'personNumbers', displayName: 'Person Numbers', sent: 'PersonNumbers', placeholder: '', description: 'Only contacts with these person numbers, separated by commas' },
] as const;

/** The longest text filter sent; longer is no name or address and would only lengthen the query string. */
const MAX_FILTER_LENGTH = 200;

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
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: FILTERS.map(({ name, displayName, placeholder, description }) => ({ displayName, name, type: 'string' as const, default: '', placeholder, description })),
	},
	{
		displayName:
			'2sms lists the address-book contacts of this 2sms user that have a stop-log request, and contacts whose number is invalid. A number on the stop log that is no contact of this user is not listed.',
		name: 'listingNotice',
		type: 'notice',
		default: '',
	},
	optionsField(runOptionFields.filter((field) => field.name === 'defaultCountry')),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stopLog'], operation: ['getMany'] } },
	properties,
);

interface Listing {
	filters: ListingFilters;
	limit?: number;
}

/** Limit as a whole number of 1 or more; an expression may give text, which must be digits. */
function readLimit(ctx: IExecuteFunctions, itemIndex: number): number {
	const value = ctx.getNodeParameter('limit', itemIndex, 50) as unknown;
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : NaN;
	if (!Number.isFinite(number) || number < 1) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Limit', value, 'must be a whole number of 1 or more');
	}
	return Math.floor(number);
}

/** The item's filters as sent: numbers as 2sms keys them (international digits), text trimmed. */
function readFilters(ctx: IExecuteFunctions, itemIndex: number, defaultCountry: string): ListingFilters {
	const given = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: ListingFilters = {};
	for (const { name, displayName, sent } of FILTERS) {
		const value = given[name];
		if (value === undefined || value === null || value === '') continue;
		if (typeof value !== 'string' && typeof value !== 'number') {
			throw invalidInput(ctx.getNode(), itemIndex, displayName, value, 'must be text');
		}
		const text = String(value).trim();
		if (text.length > MAX_FILTER_LENGTH * (name === 'mobilePhones' ? 10 : 1)) {
			throw invalidInput(ctx.getNode(), itemIndex, displayName, value, `is longer than ${MAX_FILTER_LENGTH} characters`);
		}
		if (text === '') continue;
		filters[sent] = name === 'mobilePhones' ? readNumbers(ctx, itemIndex, text, defaultCountry) : text;
	}
	return filters;
}

function readNumbers(ctx: IExecuteFunctions, itemIndex: number, text: string, defaultCountry: string): string {
	const parts = text.split(',').filter((part) => part.trim() !== '');
	if (parts.length > MAX_NUMBERS_PER_SEARCH) {
		throw invalidInput(ctx.getNode(), itemIndex, 'Mobile Phones', text, `names ${parts.length} numbers; at most ${MAX_NUMBERS_PER_SEARCH} fit in one listing`);
	}
	const digits = parts.map((part) => {
		const parsed = parsePhoneNumber(part, defaultCountry);
		if (!parsed.ok) throw invalidInput(ctx.getNode(), itemIndex, 'Mobile Phones', part.trim(), parsed.problem);
		return parsed.digits;
	});
	return [...new Set(digits)].join(',');
}

/**
 * Get Many: `GET api/v2/addressbook/stoplog` without a list of numbers (or with the item's
 * filters), paged as Check pages (stopLogPages.ts), one item out per listed entry. Return All
 * outputs a list only when it is proven whole: a TotalRecords that moves while the pages are
 * read, a page repeated, or more pages than MAX_PAGES_PER_LISTING fail the item instead.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		const run = readRunOptions(this);
		// Every item's listing is read before the first page is asked for (Get Many runs for few
		// items), as the Opentact node's Get Many does.
		const listings: Array<{ itemIndex: number; listing: Listing }> = [];
		for (const itemIndex of itemIndexes) {
			if (shouldStop()) return;
			const listing = readItem(this, itemIndex, () => {
				const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
				return { filters: readFilters(this, itemIndex, run.defaultCountry), limit: returnAll ? undefined : readLimit(this, itemIndex) };
			}, report);
			if (listing) listings.push({ itemIndex, listing });
		}
		if (listings.length === 0 || shouldStop()) return;
		const client = await openClient(this, run.settings);
		const listOne = async ({ itemIndex, listing }: { itemIndex: number; listing: Listing }) => {
			const entries: ListedEntry[] = [];
			const read = await readStopLogListing(client, listing.filters, { total: 'steady', limit: listing.limit, defaultCountry: run.defaultCountry }, (page) => {
				entries.push(...page);
			});
			if (!read.ok) {
				const error = 'answer' in read
					? client.itemError(itemIndex, read.answer)
					: client.unusableAnswer(itemIndex, `${read.unreadable}. No entries are output, since the list may be missing some`, read.attempts);
				return report(itemIndex, error);
			}
			const at = new Date().toISOString();
			const kept = listing.limit === undefined ? entries : entries.slice(0, listing.limit);
			report(itemIndex, kept.map((entry) => ({ ...listedEntryJson(entry), at })));
		};
		await mapWithConcurrency(listings, run.settings.concurrency, listOne, shouldStop);
	});
}

