import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { rememberCredentialSecrets } from '../../shared/redact';
import { CREDENTIAL_TYPE } from '../transport/credential';
import { CALLBACK_SECRET_PARAM } from '../transport/profiles';
import { readTriggerSettings } from './fields';
import { readMessage } from './inbound';
import { registrationOf } from './registrationState';
import { isSecret } from './secret';

/** The most of an unparsed body the trigger reads itself (n8n parses JSON bodies first). */
const MAX_RAW_BODY_BYTES = 1_000_000;

/**
 * The body as n8n parsed it. A body sent without a JSON content type reaches the node unparsed
 * (n8n leaves `{}`); it is read from the raw bytes then, as JSON if it is JSON, else as text,
 * which the trigger reports as an unrecognized callback rather than drop.
 */
function bodyOf(ctx: IWebhookFunctions): unknown {
	const body = ctx.getBodyData() as unknown;
	const isEmptyObject = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
	if (!isEmptyObject) return body;
	const raw = (ctx.getRequestObject() as { rawBody?: { length: number; toString(encoding: string): string } }).rawBody;
	if (!raw || raw.length === 0 || raw.length > MAX_RAW_BODY_BYTES) return body;
	const text = raw.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * n8n's webhook(): one POST from Opentact. Without the registration's secret in the query it is
 * answered 401 and starts nothing (compared in constant time; nothing of the request is echoed).
 * With it, the body becomes one item (see readMessage); a readable message whose event was not
 * chosen is answered 200 and starts nothing, and a body that cannot be read as a message starts
 * the workflow as `unrecognized` whatever was chosen, since it might be an opt-out.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const registration = registrationOf(this.getWorkflowStaticData('node'));
	const given = (this.getQueryData() as IDataObject)[CALLBACK_SECRET_PARAM];
	if (!registration || !isSecret(given, registration.secret)) {
		this.getResponseObject().status(401).send('Unauthorized').end();
		return { noWebhookResponse: true };
	}
	const settings = readTriggerSettings(this);
	// The credential's values are hidden in the output like the secret. In queue mode this process
	// may never have opened a client, so they are registered here (redact.ts).
	rememberCredentialSecrets(await this.getCredentials(CREDENTIAL_TYPE).catch(() => undefined));
	const read = readMessage(bodyOf(this), settings.rules, new Date(), [registration.secret]);
	if (read.event === 'outbound' || (read.event !== 'unrecognized' && !settings.wants(read.event))) {
		return { webhookResponse: { received: true, started: false } };
	}
	return { workflowData: [[{ json: read.json }]] };
}
