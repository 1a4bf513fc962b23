'use strict';
// The run's ids are added to every output item field by field (withRunIds) rather than by a
// spread, which Node 20 runs about ten times slower on our records. It must give exactly what the
// spread gives: the same fields, in the same order, the ids last, and no other prototype.
const fc = require('fast-check');
const { withRunIds } = require('../../dist/nodes/shared/runIds');

const ids = { workflowId: 'wf1', executionId: '42', nodeName: '2sms' };

test('gives what { ...json, ...ids } gives, field for field and in order, for any item json', () => {
	fc.assert(
		fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue()), (json, more) => {
			const expected = { ...json, ...more };
			const got = withRunIds(json, more);
			expect(Object.keys(got)).toEqual(Object.keys(expected));
			expect(got).toEqual(expected);
			expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
		}),
		{ numRuns: 2000 },
	);
});

test("a provider field named __proto__ stays a field: it changes no prototype, and the ids still come last", () => {
	const json = JSON.parse('{"__proto__": {"polluted": true}, "workflowId": "theirs", "phoneNumber": "+447700900123"}');
	const got = withRunIds(json, ids);
	expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
	expect(got.polluted).toBeUndefined();
	expect(Object.keys(got)).toEqual(['__proto__', 'workflowId', 'phoneNumber', 'executionId', 'nodeName']);
	expect(Object.getOwnPropertyDescriptor(got, '__proto__')).toEqual({ value: { polluted: true }, enumerable: true, writable: true, configurable: true });
	expect(got.workflowId).toBe('wf1');
	expect(json.workflowId).toBe('theirs'); // the item's own record is not changed
	expect({}.polluted).toBeUndefined();
});
