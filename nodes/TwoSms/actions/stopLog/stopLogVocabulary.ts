/**
 * Every word of a 2sms answer that the 2sms node takes as proof, in one table.
 *
 * ASSUMED: 2sms documents `Result`, the records' `Status` and `ErrorCode` only as "sample string",
 * and the stop-log search's paging only as "Page, NoOfRecords (defaults 0 and 20)". These are our
 * choices; the simulator makes the same ones (simulator/assumed.js TWO_SMS_STOP_LOG_STATUS,
 * TWO_SMS_RESULT, TWO_SMS_RECORD_FAULT_ERROR_CODES, TWO_SMS_V2_PAGING) and a test holds the two
 * tables equal. A word that is not here proves nothing: the item is settled by reading the stop
 * log back, or fails with 2sms's raw words.
 */

/** Per-record `Status` words, per action: the one saying this request changed the stop log, and the one saying it was already so. */
export const STOP_LOG_STATUS = {
	removed: 'Removed',
	notOnStopLog: 'NotOnStopLog',
	added: 'Added',
	alreadyOnStopLog: 'AlreadyOnStopLog',
} as const;

/** `ResponseData.Result` of an answer that applied the request. Anything else (`Failed`, missing) proves nothing. */
export const RESULT_SUCCESS = 'Success';

/**
 * `ErrorCode`s that can be one record's fault (a landline, a too-long Reason): a batch refused
 * with one of these may pass in smaller parts. Any other refusal (insufficient credits, a bad
 * request, an internal error) fails every record of the batch without splitting it.
 */
export const RECORD_FAULT_ERROR_CODES: readonly string[] = ['InvalidRecord'];

/**
 * Paging of `GET api/v2/addressbook/stoplog`. The documents say Page defaults to 0, so pages are
 * counted from 0; the node also copes with a server counting from 1 (see searchStopLog). At most
 * 100 entries a page (`NoOfRecords` default 20, as documented).
 */
export const STOP_LOG_SEARCH_PAGING = { firstPage: 0, defaultNoOfRecords: 20, maxNoOfRecords: 100 } as const;
