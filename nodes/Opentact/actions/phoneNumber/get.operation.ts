import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { runOperation } from '../../../shared/runOperation';
import { openOpentactClient } from '../../transport/client';
import { createLeaseResolver } from '../../transport/leases';
import { unusableAnswer } from './answerErrors';
import { leaseRecord } from './output';
import { optionsField, phoneNumberField, readRunOptions, simplifyField } from './fields';
import { type LeaseTarget, leaseTargetReader } from './leaseTarget';
import { readItem } from './readItem';

const properties: INodeProperties[] = [phoneNumberField('look up'), simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);

/** One number's lease with its SMS state, by number (GET /lease/tn/{tn}/tn) or UUID (GET /lease/tn/{uuid}). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	const readTarget = leaseTargetReader(this);
	return await runOperation<null>(this, {
		// The Phone Number is read per item as its work starts (see readItem.ts).
		prepare: () => null,
		perform: async (items, report, shouldStop) => {
			if (items.length === 0) return;
			const client = await openOpentactClient(this, run.settings);
			const resolver = createLeaseResolver(client, items.length);
			const getOne = async ({ itemIndex }: { itemIndex: number }) => {
				const input = readItem<LeaseTarget>(this, itemIndex, () => readTarget(itemIndex), report);
				if (input === undefined) return;
				const resolved =
					input.kind === 'number' ? await resolver.byNumber(input.tn) : await resolver.byUuid(input.uuid);
				if (resolved.ok) return report(itemIndex, leaseRecord(resolved.lease, run.simplify));
				report(
					itemIndex,
					'answer' in resolved ? client.itemError(itemIndex, resolved.answer) : unusableAnswer(this.getNode(), itemIndex, resolved.problem),
				);
			};
			await mapWithConcurrency(items, run.settings.concurrency, getOne, shouldStop);
		},
	});
}
