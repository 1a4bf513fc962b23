import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { optionsField } from '../../../shared/options';
import { readItem, runOperation } from '../../../shared/runOperation';
import { LEASE_LIST_READS } from '../../transport/answers';
import { openClient } from '../../transport/client';
import { type LeaseSearch, readLeaseList } from '../../transport/leaseSearch';
import { limitField, numberFilterField, readLimit, readNumberFilter, readRunOptions, returnAllField, simplifyField } from './fields';
import { leaseRecord } from './output';

const properties: INodeProperties[] = [returnAllField, limitField, numberFilterField, simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);

/** Leased numbers, paged with take/skip (100 a page), optionally filtered by a number pattern. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		// Every item's search is read before the first page is asked for (Get Many runs for few
		// items), so without Continue On Fail a bad Limit or Number Filter stops the node before
		// any request, and a run whose every item is bad opens no client at all.
		const searches: Array<{ itemIndex: number; search: LeaseSearch }> = [];
		for (const itemIndex of itemIndexes) {
			if (shouldStop()) return;
			const search = readItem(this, itemIndex, () => {
				const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
				return { tn: readNumberFilter(this, itemIndex), limit: returnAll ? undefined : readLimit(this, itemIndex) };
			}, report);
			if (search) searches.push({ itemIndex, search });
		}
		if (searches.length === 0 || shouldStop()) return;
		const client = await openClient(this, run.settings);
		const listOne = async ({ itemIndex, search }: { itemIndex: number; search: LeaseSearch }) => {
			const pages = await readLeaseList(client, search);
			if (!pages.ok) {
				const error = 'answer' in pages ? client.itemError(itemIndex, pages.answer) : client.unusableAnswer(itemIndex, pages.problem, 'No numbers are output.');
				return report(itemIndex, error);
			}
			if (pages.inconsistency) {
				const problem = `the lease list changed while it was read, on each of ${LEASE_LIST_READS} reads (${pages.inconsistency})`;
				return report(itemIndex, client.unusableAnswer(itemIndex, problem, 'No numbers are output, since the list may be missing some. Run it again later, or narrow it with a Number Filter.'));
			}
			report(itemIndex, pages.leases.map((lease) => leaseRecord(lease, run.simplify)));
		};
		await mapWithConcurrency(searches, run.settings.concurrency, listOne, shouldStop);
	});
}
