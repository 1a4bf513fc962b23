/**
 * Base URL rules shared by both credentials: HTTPS everywhere, plain HTTP only towards this
 * machine (a local simulator or an SSH tunnel), so a token is never sent in clear over a network.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns the URL without trailing slashes, or throws an Error saying what to fix. */
export function checkBaseUrl(value: unknown, fieldLabel: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) throw new Error(`${fieldLabel} is empty: enter the API's address, e.g. https://api.example.com`);
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (!url) throw new Error(`${fieldLabel} "${text}" is not a valid URL: it must start with https://`);
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		throw new Error(
			`${fieldLabel} "${text}" uses plain http://, which would send your credentials unencrypted: use https:// (plain http is only allowed for localhost)`,
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new Error(`${fieldLabel} "${text}" must start with https://`);
	}
	if (url.username || url.password) {
		throw new Error(`${fieldLabel} must not contain a user name or password`);
	}
	return withoutTrailingSlashes(text);
}

/** `text` without the slashes it ends with (a loop: `/\/+$/` backtracks on a long run of slashes). */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '/') end--;
	return text.slice(0, end);
}
