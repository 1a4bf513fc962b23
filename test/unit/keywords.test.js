'use strict';
// The keyword rules both triggers share (nodes/shared/keywords.ts): which replies are an opt-out,
// an opt-in or a help request. What they say becomes a legal claim in a CRM, so the tests hold
// both directions: every harmless variation of a keyword matches, and nothing more than the
// keyword does.
const fc = require('fast-check');
const {
	DEFAULT_KEYWORDS,
	MAX_KEYWORD_MESSAGE_LENGTH,
	keywordRules,
	matchKeyword,
} = require('../../dist/nodes/shared/keywords');

const defaults = () => {
	const result = keywordRules(DEFAULT_KEYWORDS);
	if (!result.ok) throw new Error(result.problem);
	return result.rules;
};

describe('the default keywords', () => {
	test.each([
		['STOP', 'optOut', 'STOP'],
		['stop', 'optOut', 'STOP'],
		['Stop.', 'optOut', 'STOP'],
		['  stop!!  ', 'optOut', 'STOP'],
		['"Stop"', 'optOut', 'STOP'],
		['S-T-O-P', 'optOut', 'STOP'],
		['Stop\n', 'optOut', 'STOP'],
		['ＳＴＯＰ', 'optOut', 'STOP'], // full-width letters, as some phones send them
		['st\u200bop', 'optOut', 'STOP'], // a zero-width space inside
		['Stop 🛑', 'optOut', 'STOP'],
		['Opt out', 'optOut', 'OPT OUT'],
		['opt-out', 'optOut', 'OPT OUT'],
		['OPTOUT', 'optOut', 'OPT OUT'],
		['Stop all', 'optOut', 'STOPALL'],
		['unsubscribe', 'optOut', 'UNSUBSCRIBE'],
		['Quit', 'optOut', 'QUIT'],
		['End.', 'optOut', 'END'],
		['revoke', 'optOut', 'REVOKE'],
		['Cancel', 'optOut', 'CANCEL'],
		['Start', 'optIn', 'START'],
		['un-stop', 'optIn', 'UNSTOP'],
		['Help?', 'help', 'HELP'],
		['info', 'help', 'INFO'],
	])('%p is %s (%s)', (message, event, keyword) => {
		expect(matchKeyword(defaults(), message)).toEqual({ event, keyword });
	});

	test.each([
		['Stop please'],
		['please stop'],
		["Don't stop"],
		['Stop it'],
		['STOPP'],
		['STO'],
		['Starting tomorrow'],
		['Helpful, thanks'],
		['СТОП'], // Cyrillic: other letters, not STOP
		[''],
		['   '],
		['!!!'],
		['🛑'],
	])('%p is no keyword', (message) => {
		expect(matchKeyword(defaults(), message)).toBeUndefined();
	});

	test.each([[undefined], [null], [42], [{ message: 'STOP' }], [['STOP']], [true]])(
		'a message that is not text (%p) is no keyword, and nothing throws',
		(message) => {
			expect(matchKeyword(defaults(), message)).toBeUndefined();
		},
	);

	test('any mix of case, blanks and punctuation around and inside a keyword still matches it', () => {
		const noise = fc.constantFrom(' ', '.', '!', '-', '_', ',', '\t', '\u00a0', '?', '*', '"', "'");
		const keywords = ['STOP', 'OPT OUT', 'UNSUBSCRIBE', 'START', 'HELP'];
		fc.assert(
			fc.property(
				fc.constantFrom(...keywords),
				fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
				fc.array(fc.array(noise, { maxLength: 3 }).map((n) => n.join('')), { minLength: 13, maxLength: 13 }),
				(keyword, upper, gaps) => {
					const letters = [...keyword.replace(/ /g, '')];
					let message = gaps[0];
					letters.forEach((letter, index) => {
						message += (upper[index % upper.length] ? letter : letter.toLowerCase()) + gaps[index + 1];
					});
					expect(matchKeyword(defaults(), message)?.keyword).toBe(keyword);
				},
			),
			{ numRuns: 500 },
		);
	});

	test('a keyword followed by any other letter or digit is not that keyword', () => {
		fc.assert(
			fc.property(fc.constantFrom('STOP', 'START', 'HELP'), fc.stringMatching(/^[A-Za-z0-9]$/), (keyword, extra) => {
				const match = matchKeyword(defaults(), `${keyword} ${extra}`);
				// "STOP" + "ALL" is another keyword; one letter or digit never completes one.
				expect(match?.keyword === keyword).toBe(false);
			}),
			{ numRuns: 200 },
		);
	});
});

describe('messages a sender or a server could make hostile', () => {
	test('a message just over the length limit is no keyword, even if it is "STOP" padded with blanks', () => {
		const message = `STOP${' '.repeat(MAX_KEYWORD_MESSAGE_LENGTH)}`;
		expect(matchKeyword(defaults(), message)).toBeUndefined();
		expect(matchKeyword(defaults(), `STOP${' '.repeat(MAX_KEYWORD_MESSAGE_LENGTH - 10)}`)).toEqual({ event: 'optOut', keyword: 'STOP' });
	});

	test('a megabyte of text is answered at once', () => {
		const rules = defaults();
		const started = Date.now();
		expect(matchKeyword(rules, 'S'.repeat(1_000_000))).toBeUndefined();
		expect(matchKeyword(rules, `${'.'.repeat(MAX_KEYWORD_MESSAGE_LENGTH - 4)}STOP`)).toEqual({ event: 'optOut', keyword: 'STOP' });
		expect(matchKeyword(rules, 'a'.repeat(MAX_KEYWORD_MESSAGE_LENGTH))).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(500);
	});
});

describe('keyword lists a user writes', () => {
	test('lists are comma-separated text (new lines too); blanks and empty entries are skipped', () => {
		const result = keywordRules({ optOut: ' arret ,\n Stop  Texting ,, ', optIn: '', help: undefined });
		expect(result.ok).toBe(true);
		expect(matchKeyword(result.rules, 'Arrêt')).toEqual({ event: 'optOut', keyword: 'ARRET' });
		expect(matchKeyword(result.rules, 'stop texting!')).toEqual({ event: 'optOut', keyword: 'STOP TEXTING' });
		expect(matchKeyword(result.rules, 'STOP')).toBeUndefined();
		expect(matchKeyword(result.rules, 'HELP')).toBeUndefined();
	});

	test('a list may also be given as a list of texts', () => {
		const result = keywordRules({ optOut: ['Stop', 'Halt'] });
		expect(matchKeyword(result.rules, 'halt')).toEqual({ event: 'optOut', keyword: 'HALT' });
	});

	test('a keyword in two lists is refused, naming both lists', () => {
		expect(keywordRules({ ...DEFAULT_KEYWORDS, optIn: 'START, Stop.' })).toEqual({
			ok: false,
			problem: '"STOP." is in both Opt-Out Keywords and Opt-In Keywords (as "STOP"): a keyword may mean one thing only',
		});
		// The same letters written differently are the same keyword.
		expect(keywordRules({ optOut: 'OPT OUT', help: 'opt-out' }).ok).toBe(false);
	});

	test('an entry without a letter or digit is refused rather than silently matching nothing', () => {
		expect(keywordRules({ optOut: 'STOP, !!!' })).toEqual({
			ok: false,
			problem: 'Opt-Out Keywords: "!!!" has no letter or digit, so no message could match it',
		});
	});

	test('a list that is not text, too long a keyword or too many keywords is refused', () => {
		expect(keywordRules({ help: 42 })).toEqual({ ok: false, problem: 'Help Keywords must be text: keywords separated by commas' });
		expect(keywordRules({ optIn: 'A'.repeat(41) }).problem).toMatch(/^Opt-In Keywords: "A{40}\.\.\." is longer than 40 characters$/);
		const many = Array.from({ length: 101 }, (_, i) => `K${i}`).join(',');
		expect(keywordRules({ optOut: many }).problem).toBe('Opt-Out Keywords holds 101 keywords; at most 100 are allowed');
	});

	test('the default lists are the ones the issue names', () => {
		expect(DEFAULT_KEYWORDS).toEqual({
			optOut: 'STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE, STOPALL',
			optIn: 'START, UNSTOP',
			help: 'HELP, INFO',
		});
	});
});
