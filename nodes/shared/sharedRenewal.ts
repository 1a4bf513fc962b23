/**
 * One login per expired token. When a token expires in the middle of a run, every request in
 * flight gets a 401 and n8n calls the credential's preAuthentication for each of them; renewals
 * keyed alike share one login, so ten concurrent requests do not fetch ten tokens (and no login
 * can invalidate a token another request has just received). Keys hold no secret in clear, and an
 * entry is forgotten after a short while or when its login fails.
 */
const SHARE_FOR_MS = 30_000;
const renewals = new Map<string, { at: number; token: Promise<string> }>();

/** A short, non-reversible tag of a secret, so it can be part of a key without being kept. */
export function fingerprint(text: string): string {
	let hash = 0x811c9dc5; // FNV-1a
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash.toString(36);
}

export async function renewOnce(key: string, login: () => Promise<string>): Promise<string> {
	const now = Date.now();
	for (const [entryKey, entry] of renewals) if (now - entry.at > SHARE_FOR_MS) renewals.delete(entryKey);
	const shared = renewals.get(key);
	if (shared) return await shared.token;
	const token = login();
	renewals.set(key, { at: now, token });
	token.catch(() => renewals.delete(key));
	return await token;
}
