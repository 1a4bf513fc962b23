import type { ProviderReason } from '../../shared/itemErrors';
import { redactProviderText } from '../../shared/redact';

/**
 * Reading 2sms's response envelope (API-NOTES: FACT):
 * `{Error:{ErrorCode, ErrorReason}, ResponseData:{Identification, Result, Detail}}`.
 */
interface Envelope {
	Error?: { ErrorCode?: unknown; ErrorReason?: unknown } | null;
	ResponseData?: { Detail?: unknown } | null;
	/** ASP.NET's own refusals (401 "Authorization has been denied ..."). */
	Message?: unknown;
	/** The OAuth token endpoint's refusals ("invalid_client"). */
	error?: unknown;
	error_description?: unknown;
}

const asEnvelope = (body: unknown): Envelope =>
	typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Envelope) : {};

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The envelope's error code, or undefined on success.
 * ASSUMED: an empty, null or absent ErrorCode means success (the real values are undocumented).
 */
export function errorCodeOf(body: unknown): string | undefined {
	const code = asEnvelope(body).Error?.ErrorCode;
	if (typeof code === 'number') return String(code);
	return text(code);
}

/** `ResponseData.Detail` of a successful answer, or an empty object. */
export function detailOf(body: unknown): Record<string, unknown> {
	const detail = asEnvelope(body).ResponseData?.Detail;
	return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {};
}

/** What 2sms said went wrong, in its own words: ErrorReason (with ErrorCode), Message, or OAuth error. */
export function providerReasonOf(body: unknown, fallback: string): ProviderReason {
	const envelope = asEnvelope(body);
	const code = errorCodeOf(body);
	const reason = text(envelope.Error?.ErrorReason);
	if (code || reason) {
		return { message: [reason ?? 'no reason given', code ? `(${code})` : ''].join(' ').trim() };
	}
	const message = text(envelope.Message);
	if (message) return { message };
	const oauthError = text(envelope.error);
	if (oauthError) {
		const description = text(envelope.error_description);
		const hint = oauthError === 'invalid_client' ? ': check the Client ID and Client Secret of the 2sms credential' : '';
		return { message: `could not get an access token (${oauthError})${description ? ` ${description}` : ''}${hint}` };
	}
	if (typeof body === 'string' && body.trim() !== '') {
		// Redacted while cutting: a plain slice could keep the first half of an echoed token.
		return { message: `${fallback} (the answer was not JSON: ${JSON.stringify(redactProviderText(undefined, body.trim(), 80))})` };
	}
	return { message: fallback };
}
