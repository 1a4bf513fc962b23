import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as inboundKeyword from './inboundKeyword';
import * as stopLogChanged from './stopLogChanged';

/** Sends a poll to the chosen event; each event's file holds its own fields and work. */
export async function router(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as string;
	switch (event) {
		case 'stopLogChanged':
			return await stopLogChanged.poll.call(this);
		case 'inboundKeyword':
			return await inboundKeyword.poll.call(this);
	}
	throw new NodeOperationError(this.getNode(), `The event "${event}" is not supported`);
}
