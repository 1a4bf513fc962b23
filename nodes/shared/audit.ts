import { redactProviderText } from './redact';

/**
 * What proves a change's `outcome`, in both nodes' output items:
 * - `answer`: the provider's answer to this run's request says so, in words we know (documented,
 *   or the node's one ASSUMED vocabulary, which the simulator shares);
 * - `readBack`: the answer did not say so in words we know, and the state read back afterwards
 *   (an Opentact lease's `subscriptions`, the 2sms stop log) shows what the outcome claims; under
 *   Dry Run, where nothing is sent, the state read is all that proves the outcome (`wouldDisable`,
 *   `alreadyDisabled`, …, with `dryRun: true`);
 * - `retryAfterLostAnswer`: an earlier attempt of this run's request got no answer (or a 5xx, or
 *   an unreadable one) and the retry found the change made: this run made it.
 */
export type ConfirmedBy = 'answer' | 'readBack' | 'retryAfterLostAnswer';

/**
 * A provider's words copied into an output item (`providerMessage`, a Status read back), not
 * into an error: cut to `maxLength` characters an audit field can hold ("…" marks a cut), with
 * any echo of a credential value or a token of this process hidden, as in errors (redact.ts).
 */
export function providerWords(text: unknown, maxLength: number): string {
	return redactProviderText(undefined, text, maxLength);
}
