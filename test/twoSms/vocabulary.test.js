'use strict';
// The words the 2sms node takes as proof are the words the simulator answers: one table each side
// (the shipped node cannot read the simulator's file), held equal here.
const path = require('node:path');
const assumed = require('../../simulator/assumed');

const vocabulary = require(path.join(__dirname, '../../dist/nodes/TwoSms/transport/answers.js'));

test('the stop-log Status words are the same in the node and the simulator', () => {
	expect(vocabulary.STOP_LOG_STATUS).toEqual({ ...assumed.TWO_SMS_STOP_LOG_STATUS });
});

test('the one Result word that means success is the same in the node and the simulator', () => {
	expect(vocabulary.RESULT_SUCCESS).toBe(assumed.TWO_SMS_RESULT.success);
});

test('the ErrorCodes one record can cause, the only refusals the node splits a batch for, are the same', () => {
	expect([...vocabulary.RECORD_FAULT_ERROR_CODES]).toEqual([...assumed.TWO_SMS_RECORD_FAULT_ERROR_CODES]);
	expect(Object.values(assumed.TWO_SMS_ERROR_CODES)).toEqual(expect.arrayContaining([...vocabulary.RECORD_FAULT_ERROR_CODES]));
});

test('the stop-log search pages the same way: from page 0, at most 100 entries, 20 unless asked', () => {
	expect(vocabulary.STOP_LOG_SEARCH_PAGING).toEqual({ ...assumed.TWO_SMS_V2_PAGING });
});
