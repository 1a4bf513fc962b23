import { SignInError } from './httpFailure';
import { rememberSecrets } from './redact';

/**
 * Sign-ins for tokens that expire (Opentact email/password, 2sms client credentials), shared by
 * every request of the process and bounded.
 *
 * One login per expired token. When a token expires in the middle of a run, every request in
 * flight gets a 401 and n8n calls the credential's preAuthentication for each of them; renewals
 * of the same expired token share one login, so ten concurrent requests do not fetch ten tokens
 * (and no login can invalidate a token another request has just received).
 *
 * A shared answer may itself have expired by the time a late request asks for it (T1 was renewed
 * to T2, then T2 expired and was renewed to T3): the chain is followed to its newest token, so a
 * request still holding T1 gets T3, not the dead T2.
 *
 * Bounded. An API that refuses every token (an account without API access, a proxy dropping the
 * header) would be asked for a new token by every request, and repeated logins can lock the
 * account: sign-in stops once tokens are refused before any request could use them (see
 * {@link MAX_UNUSED_REFUSED_TOKENS}). (A login refused for its credentials is not repeated by
 * the rest of the run either: sendWithRetry.ts.)
 *
 * Keys hold no secret in clear (hashes only), and entries are forgotten after a short while or
 * when their login fails.
 */
const SHARE_FOR_MS = 30_000;
const renewals = new Map<string, { at: number; token: Promise<string> }>();

/**
 * Refused tokens in a row, none of which any request could use, after which no more sign-ins
 * are made: the first sign-in and one renewal. A token may expire between being issued and its
 * first use, once; an API that refuses the renewed token too refuses them all.
 */
export const MAX_UNUSED_REFUSED_TOKENS = 2;

/**
 * The same bound when an earlier token of the chain did work (the account may use the API and
 * tokens expire, e.g. under an expiry storm that also catches a fresh token before its first
 * use): one renewal more, so that a run of thousands of items does not fail on a coincidence.
 */
export const MAX_UNUSED_REFUSED_TOKENS_AFTER_ONE_WORKED = 3;

/**
 * How long what is known about a token is kept after it was last seen in use, refused or issued.
 * It is also how long a stopped sign-in stays stopped after the last refused request (the stop
 * messages say "2 minutes"): long enough to cover a run, short enough that a fixed account is
 * signed in again without a restart.
 */
const TOKEN_MEMORY_MS = 120_000;
const MAX_TOKENS_KNOWN = 1000;


interface TokenFacts {
	at: number;
	/** A request carrying it got an answer from behind the authentication. */
	worked: boolean;
	/** Fingerprint of the token whose renewal issued it. */
	renewed?: string;
}

const tokens = new Map<string, TokenFacts>();

/** A short, non-reversible tag of a secret, so it can be part of a key without being kept. */
export function fingerprint(text: string): string {
	let hash = 0x811c9dc5; // FNV-1a
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
	return hash.toString(36);
}

/** Which account a sign-in is for: the host and the sign-in's identity, with its secret fingerprinted. */
export function accountKey(baseUrl: string, identity: string, secret: string): string {
	return [baseUrl, identity, fingerprint(secret)].join('\n');
}

/** A tag for tokens: two FNV-1a passes and the length, so that tokens of one process do not collide. */
const tokenTag = (token: string) => `${fingerprint(token)}.${fingerprint(`${token}\u0000`)}.${token.length}`;

function factsOf(tag: string, now: number): TokenFacts | undefined {
	const facts = tokens.get(tag);
	if (facts && now - facts.at > TOKEN_MEMORY_MS) {
		tokens.delete(tag);
		return undefined;
	}
	return facts;
}

function keep(tag: string, facts: TokenFacts): void {
	tokens.delete(tag);
	tokens.set(tag, facts);
	if (tokens.size > MAX_TOKENS_KNOWN) tokens.delete(tokens.keys().next().value as string);
}

function noteIssued(token: string, renewedTag?: string): void {
	rememberSecrets([token]);
	keep(tokenTag(token), { at: Date.now(), worked: false, renewed: renewedTag });
}

/**
 * Records that a request carrying `token` got an answer from behind the authentication. Called
 * for every such answer, so it stays cheap.
 */
export function noteTokenWorked(token: string | undefined): void {
	if (!token) return;
	const tag = tokenTag(token);
	const facts = factsOf(tag, Date.now());
	keep(tag, { ...facts, at: Date.now(), worked: true });
}

/**
 * The token each outgoing request carries, as the credential's `authenticate` set it: n8n hands
 * `authenticate` the very options object the node passed in (and, after a renewal, the object
 * `authenticate` returned), so the node can tell afterwards which token an answer was for.
 */
const sentTokens = new WeakMap<object, string>();

export function noteTokenSent(request: object, token: string): void {
	sentTokens.set(request, token);
}

export function tokenSentWith(request: object): string | undefined {
	return sentTokens.get(request);
}

/** How many refused tokens in a row, ending with `expired`, no request could use; and whether one before them worked. */
function unusedRefusals(expired: string, now: number): { count: number; oneWorked: boolean } {
	let count = 0;
	let tag: string | undefined = tokenTag(expired);
	const seen = new Set<string>();
	while (tag !== undefined && !seen.has(tag) && seen.size < 10) {
		seen.add(tag);
		const facts = factsOf(tag, now);
		if (facts?.worked) return { count, oneWorked: true };
		count++;
		// The expired token is known to be refused now; note it, so that a token issued to replace
		// it finds it when it is refused in turn (its facts may have been forgotten meanwhile).
		if (!facts) keep(tag, { at: now, worked: false });
		else facts.at = now;
		tag = facts?.renewed;
	}
	return { count, oneWorked: false };
}


/**
 * A fresh token to replace `expiredToken`, for the account `account` (a key naming the host and
 * the sign-in, with secrets fingerprinted). Logs in only when no renewal of that token is known,
 * and not at all once tokens are refused before any request could use them: then `stopped`
 * makes the error to throw (the service's words).
 */
export async function renewOnce(
	account: string,
	expiredToken: string,
	login: () => Promise<string>,
	stopped: (refusedInARow: number) => Error = (count) =>
		new SignInError(`${count} tokens in a row were refused before any request could use them: sign-in was stopped to avoid locking the account`),
): Promise<string> {
	const now = Date.now();
	for (const [entryKey, entry] of renewals) if (now - entry.at > SHARE_FOR_MS) renewals.delete(entryKey);
	const keyOf = (token: string) => `${account}\n${tokenTag(token)}`;
	const key = keyOf(expiredToken);
	let shared = renewals.get(key);
	if (!shared) {
		const { count, oneWorked } = unusedRefusals(expiredToken, now);
		if (count >= (oneWorked ? MAX_UNUSED_REFUSED_TOKENS_AFTER_ONE_WORKED : MAX_UNUSED_REFUSED_TOKENS)) {
			throw stopped(count);
		}
		const token = login().then((fresh) => {
			noteIssued(fresh, tokenTag(expiredToken));
			return fresh;
		});
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

/**
 * The token for a request: a first login when none is held (`expiredToken` empty), else the
 * shared, bounded renewal of {@link renewOnce}.
 */
export async function signInOnce(
	account: string,
	expiredToken: string,
	login: () => Promise<string>,
	stopped?: (refusedInARow: number) => Error,
): Promise<string> {
	if (expiredToken !== '') return await renewOnce(account, expiredToken, login, stopped);
	const token = await login();
	noteIssued(token);
	return token;
}
