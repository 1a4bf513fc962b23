/** Numbers are compared as bare international digits, short codes as digits or nothing. */
export function numberKey(digits: string, shortCode: string | null | undefined): string {
	return `${digits}|${shortCode ?? ''}`;
}

/** Reads a number as 2sms echoes it ("447700900123", "+447700900123") into bare digits. */
export function echoedDigits(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\D/g, '') : '';
}

/** Reads an echoed short code into the same form `numberKey` uses. */
export function echoedShortCode(value: unknown): string | null {
	const digits = echoedDigits(value);
	return digits === '' ? null : digits;
}
