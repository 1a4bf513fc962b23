/**
 * Opt-out, opt-in and help keywords in inbound SMS, shared by both triggers (Opentact's and
 * 2sms's): the same reply must mean the same thing whichever provider carried it, because what a
 * trigger says here ("this number opted out") is copied into CRMs and audit trails.
 *
 * What counts as a match: the WHOLE message is one keyword of a list, compared on its letters and
 * digits only. Before comparing, the message and each keyword are reduced the same way:
 * compatibility forms folded (NFKD: full-width "ＳＴＯＰ" is STOP), accents dropped, upper case,
 * and everything that is not a letter or a digit (spaces, punctuation, emoji, invisible
 * characters) removed. So "Stop.", " stop ", "S-T-O-P", "Opt out!", "opt-out" and "OPTOUT" match
 * (STOP, OPT OUT); "Stop please", "please stop" and "Don't stop" do not: a message that is more
 * than the keyword is not a keyword, and is reported as an ordinary inbound message.
 *
 * Linear by construction: no pattern is built from a keyword or a message, each character is
 * looked at once, and a message longer than {@link MAX_KEYWORD_MESSAGE_LENGTH} is never a keyword.
 */

/** The three keyword events; any other inbound message is `inbound`. */
export type KeywordEvent = 'optOut' | 'optIn' | 'help';

/** What a trigger reports a message as: one of the keyword events, or an ordinary inbound message. */
export type InboundEvent = KeywordEvent | 'inbound';

export const KEYWORD_EVENTS: readonly KeywordEvent[] = ['optOut', 'optIn', 'help'];

/**
 * The default lists: the CTIA / US carrier opt-out and opt-in words, and the two help words.
 * Editable per trigger; kept as comma-separated text, the form the trigger's fields show.
 */
export const DEFAULT_KEYWORDS: Readonly<Record<KeywordEvent, string>> = {
	optOut: 'STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE, STOPALL',
	optIn: 'START, UNSTOP',
	help: 'HELP, INFO',
};

/** The field labels of the lists, as the triggers show them (used in messages). */
export const KEYWORD_LIST_LABELS: Readonly<Record<KeywordEvent, string>> = {
	optOut: 'Opt-Out Keywords',
	optIn: 'Opt-In Keywords',
	help: 'Help Keywords',
};

/**
 * A message longer than this is never a keyword (about ten SMS segments). It keeps the work per
 * message bounded whatever a sender or a server puts in it; a keyword reply is a word or two.
 */
export const MAX_KEYWORD_MESSAGE_LENGTH = 1600;

/** The most keywords one list may hold, and the longest one keyword may be (in characters). */
export const MAX_KEYWORDS_PER_LIST = 100;
export const MAX_KEYWORD_LENGTH = 40;

const MARKS = /\p{M}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The form messages and keywords are compared in: letters and digits only, upper case, accents
 * and compatibility forms folded. `limit` stops the walk once the result is longer (no keyword
 * can match then), so a long message costs no more than a short one.
 */
export function keywordForm(text: string, limit = Number.POSITIVE_INFINITY): string {
	let out = '';
	for (const char of text.normalize('NFKD')) {
		if (MARKS.test(char) || !LETTER_OR_DIGIT.test(char)) continue;
		out += char;
		if (out.length > limit) break;
	}
	return out.toUpperCase();
}

/** One keyword as shown in output: trimmed, blanks collapsed, upper case ("opt  out" → "OPT OUT"). */
function shownForm(keyword: string): string {
	return keyword.trim().split(/\s+/).join(' ').toUpperCase();
}

/** The checked keyword lists of one trigger, ready for {@link matchKeyword}. */
export interface KeywordRules {
	/** Comparison form → the event and the keyword as listed (shown in output). */
	byForm: Map<string, { event: KeywordEvent; keyword: string }>;
	/** The longest comparison form: a message reducing to more letters is no keyword. */
	longest: number;
}

export type KeywordRulesResult = { ok: true; rules: KeywordRules } | { ok: false; problem: string };

/** A list as the user gave it: comma-separated text (new lines count as commas), or a list of texts. */
function entriesOf(list: unknown): string[] | undefined {
	if (list === undefined || list === null) return [];
	if (typeof list === 'string') return list.split(/[,\n]/);
	if (Array.isArray(list) && list.every((entry) => typeof entry === 'string')) return list as string[];
	return undefined;
}

/**
 * Checks the lists of one trigger and builds its rules. Refuses (with words for the user) a list
 * that is not text, an entry with no letter or digit, an entry too long, too many entries, and a
 * keyword in two lists ("STOP" as opt-out and opt-in would make every STOP a legal claim both
 * ways). Blank entries ("STOP,,QUIT", a trailing comma) are skipped; an empty list matches nothing.
 */
export function keywordRules(lists: Partial<Record<KeywordEvent, unknown>>): KeywordRulesResult {
	const byForm = new Map<string, { event: KeywordEvent; keyword: string }>();
	let longest = 0;
	for (const event of KEYWORD_EVENTS) {
		const label = KEYWORD_LIST_LABELS[event];
		const entries = entriesOf(lists[event]);
		if (entries === undefined) return { ok: false, problem: `${label} must be text: keywords separated by commas` };
		const keywords = entries.filter((entry) => entry.trim() !== '');
		if (keywords.length > MAX_KEYWORDS_PER_LIST) {
			return { ok: false, problem: `${label} holds ${keywords.length} keywords; at most ${MAX_KEYWORDS_PER_LIST} are allowed` };
		}
		for (const entry of keywords) {
			const keyword = shownForm(entry);
			if (keyword.length > MAX_KEYWORD_LENGTH) {
				return { ok: false, problem: `${label}: "${keyword.slice(0, MAX_KEYWORD_LENGTH)}..." is longer than ${MAX_KEYWORD_LENGTH} characters` };
			}
			const form = keywordForm(keyword);
			if (form === '') {
				return { ok: false, problem: `${label}: "${keyword}" has no letter or digit, so no message could match it` };
			}
			const known = byForm.get(form);
			if (known && known.event !== event) {
				return {
					ok: false,
					problem: `"${keyword}" is in both ${KEYWORD_LIST_LABELS[known.event]} and ${label} (as "${known.keyword}"): a keyword may mean one thing only`,
				};
			}
			if (!known) byForm.set(form, { event, keyword });
			longest = Math.max(longest, form.length);
		}
	}
	return { ok: true, rules: { byForm, longest } };
}

/** The keyword event a message is, with the keyword as listed; undefined when it is none. */
export function matchKeyword(rules: KeywordRules, message: unknown): { event: KeywordEvent; keyword: string } | undefined {
	if (typeof message !== 'string' || message.length > MAX_KEYWORD_MESSAGE_LENGTH) return undefined;
	const form = keywordForm(message, rules.longest);
	if (form === '' || form.length > rules.longest) return undefined;
	return rules.byForm.get(form);
}
