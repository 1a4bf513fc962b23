import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { runOperation } from '../../../shared/runOperation';
import { openOpentactClient } from '../../transport/opentactClient';
import { createLeaseResolver } from '../../transport/resolveLease';
import { leaseRecord } from './auditRecord';
import { optionsField, phoneNumberField, readRunOptions, simplifyField } from './fields';
import { type LeaseTarget, readLeaseTarget } from './leaseTarget';

const properties: INodeProperties[] = [phoneNumberField('look up'), simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);

/** One number's lease with its SMS state, by number (GET /lease/tn/{tn}/tn) or UUID (GET /lease/tn/{uuid}). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	return await runOperation<LeaseTarget>(this, {
		prepare: (itemIndex) => readLeaseTarget(this, itemIndex),
		perform: async (items, report, shouldStop) => {
			if (items.length === 0) return;
			const client = await openOpentactClient(this, run.settings);
			const targets = items.map(({ input }) => input);
			const resolver = createLeaseResolver(client, {
				numbers: targets.flatMap((target) => (target.kind === 'number' ? [target.tn] : [])),
				uuids: targets.flatMap((target) => (target.kind === 'uuid' ? [target.uuid] : [])),
			});
			const getOne = async ({ itemIndex, input }: { itemIndex: number; input: LeaseTarget }) => {
				const resolved =
					input.kind === 'number' ? await resolver.byNumber(input.tn) : await resolver.byUuid(input.uuid);
				report(itemIndex, resolved.ok ? leaseRecord(resolved.lease, run.simplify) : client.itemError(itemIndex, resolved.answer));
			};
			await mapWithConcurrency(items, run.settings.concurrency, getOne, shouldStop);
		},
	});
}
