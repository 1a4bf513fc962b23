/**
 * One login per expired token. When a token expires in the middle of a run, every request in
 * flight gets a 401 and n8n calls the credential's preAuthentication for each of them; renewals
 * of the same expired token share one login, so ten concurrent requests do not fetch ten tokens
 * (and no login can invalidate a token another request has just received).
 *
 * A shared answer may itself have expired by the time a late request asks for it (T1 was renewed
 * to T2, then T2 expired and was renewed to T3): the chain is followed to its newest token, so a
 * request still holding T1 gets T3, not the dead T2.
 *
 * Keys hold no secret in clear (hashes only), and entries are forgotten after a short while or
 * when their login fails.
 */
const SHARE_FOR_MS = 30_000;
const renewals = new Map<string, { at: number; token: Promise<string> }>();

/** A short, non-reversible tag of a secret, so it can be part of a key without being kept. */
export function fingerprint(text: string): string {
	let hash = 0x811c9dc5; // FNV-1a
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash.toString(36);
}

/**
 * A fresh token to replace `expiredToken`, for the account `account` (a key naming the host and
 * the sign-in, with secrets fingerprinted). Logs in only when no renewal of that token is known.
 */
export async function renewOnce(account: string, expiredToken: string, login: () => Promise<string>): Promise<string> {
	const now = Date.now();
	for (const [entryKey, entry] of renewals) if (now - entry.at > SHARE_FOR_MS) renewals.delete(entryKey);
	const keyOf = (token: string) => `${account}\n${fingerprint(token)}`;
	const key = keyOf(expiredToken);
	let shared = renewals.get(key);
	if (!shared) {
		const token = login();
		shared = { at: now, token };
		renewals.set(key, shared);
		token.catch(() => renewals.delete(key));
	}
	const seen = new Set<string>([expiredToken]);
	for (;;) {
		const token = await shared.token;
		const newer = renewals.get(keyOf(token));
		if (!newer || seen.has(token)) return token;
		seen.add(token);
		shared = newer;
	}
}
