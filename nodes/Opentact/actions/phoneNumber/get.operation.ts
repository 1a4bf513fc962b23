import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapWithConcurrency } from '../../../shared/concurrency';
import { optionsField } from '../../../shared/options';
import { readItem, runOperation } from '../../../shared/runOperation';
import { openClient } from '../../transport/client';
import { createLeaseResolver } from '../../transport/leases';
import { leaseTargetReader, phoneNumberField, readRunOptions, simplifyField } from './fields';
import { leaseRecord } from './output';

const properties: INodeProperties[] = [phoneNumberField('look up'), simplifyField, optionsField()];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);

/** One number's lease with its SMS state, by number (GET /lease/tn/{tn}/tn) or UUID (GET /lease/tn/{uuid}). */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = readRunOptions(this);
	const readTarget = leaseTargetReader(this);
	return await runOperation(this, async (itemIndexes, report, shouldStop) => {
		if (itemIndexes.length === 0) return;
		const client = await openClient(this, run.settings);
		const resolver = createLeaseResolver(client, itemIndexes.length);
		const getOne = async (itemIndex: number) => {
			// The Phone Number is read per item as its work starts (see readItem).
			const input = readItem(this, itemIndex, () => readTarget(itemIndex), report);
			if (input === undefined) return;
			const resolved = input.kind === 'number' ? await resolver.byNumber(input.tn) : await resolver.byUuid(input.uuid);
			if (resolved.ok) return report(itemIndex, leaseRecord(resolved.lease, run.simplify));
			report(itemIndex, 'answer' in resolved ? client.lookupError(itemIndex, resolved.answer, input) : client.unusableAnswer(itemIndex, resolved.problem));
		};
		await mapWithConcurrency(itemIndexes, run.settings.concurrency, getOne, shouldStop);
	});
}
