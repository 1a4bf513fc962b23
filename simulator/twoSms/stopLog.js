'use strict';

const { successEnvelope, failureEnvelope, reply } = require('./envelope');
const { readStopLogRecords, validateStopLogRecords } = require('./records');
const {
	TWO_SMS_STOP_LOG_STATUS,
	TWO_SMS_ERROR_CODES,
	TWO_SMS_INVALID_BATCH_STATUS,
	TWO_SMS_CREDITS_PER_CONFIRMATION,
	TWO_SMS_CONFIRM_ONLY_CHANGED_RECORDS,
	TWO_SMS_INSUFFICIENT_CREDITS_HTTP_STATUS,
	TWO_SMS_ECHO_DESTINATION_AS_DIGITS,
	TWO_SMS_STOP_LOG_ADD_CREATES_CONTACT,
} = require('../assumed');
const { contactDigits } = require('./stopLogSearch');

// FACT (2sms's API help, DELETE api/v1/addressbook/stoplog): the XML names of the v1 stop-log response.
const STOP_LOG_XML = {
	root: 'ResponseOfStopLogResponse',
	items: { Records: 'StopLogMobileRecordResult' },
};

// What each direction does to one (destination, short code): the status when it changes the
// stop log, the status when it is already so, and whether the entry is on the log afterwards.
const DIRECTIONS = {
	remove: {
		changed: TWO_SMS_STOP_LOG_STATUS.removed,
		unchanged: TWO_SMS_STOP_LOG_STATUS.notOnStopLog,
		onLog: false,
	},
	add: {
		changed: TWO_SMS_STOP_LOG_STATUS.added,
		unchanged: TWO_SMS_STOP_LOG_STATUS.alreadyOnStopLog,
		onLog: true,
	},
};

function createStopLogHandlers({ state, account, ids }) {
	const fail = (ctx, status, code, reason, names = STOP_LOG_XML) =>
		reply(ctx, status, failureEnvelope(account.userId, code, reason), names);

	/**
	 * DELETE (remove = opt back in) and POST (add = opt out) api/v1/addressbook/stoplog.
	 * All or nothing: the batch is checked and priced first, and only then applied.
	 */
	function change(direction, ctx) {
		const read = readStopLogRecords(ctx.body);
		if (read.error)
			return fail(ctx, TWO_SMS_INVALID_BATCH_STATUS, read.error.code, read.error.reason);
		const valid = validateStopLogRecords(read.records, account);
		if (valid.error)
			return fail(ctx, TWO_SMS_INVALID_BATCH_STATUS, valid.error.code, valid.error.reason);

		const planned = plan(direction, valid.records, read.records);
		const creditsUsed =
			planned.filter((step) => step.confirm).length * TWO_SMS_CREDITS_PER_CONFIRMATION;
		if (creditsUsed > state.credits) {
			const reason = `Sending ${creditsUsed} confirmation credits needs more than the ${state.credits} remaining`;
			return fail(
				ctx,
				TWO_SMS_INSUFFICIENT_CREDITS_HTTP_STATUS,
				TWO_SMS_ERROR_CODES.insufficientCredits,
				reason,
			);
		}

		const now = new Date().toISOString();
		const Records = planned.map(({ record, original, changed, confirm }) => {
			if (changed && DIRECTIONS[direction].onLog) {
				state.add({
					Destination: record.Destination,
					ShortCode: record.ShortCode,
					Reason: record.Reason,
					DateAdded: now,
				});
			} else if (changed) {
				state.remove(record.Destination, record.ShortCode);
			}
			return {
				Destination: TWO_SMS_ECHO_DESTINATION_AS_DIGITS
					? record.Destination
					: String(original.Destination),
				MessageID: confirm ? ids.uuid() : null,
				Status: changed ? DIRECTIONS[direction].changed : DIRECTIONS[direction].unchanged,
				ShortCode: record.ShortCode,
			};
		});
		if (direction === 'add' && TWO_SMS_STOP_LOG_ADD_CREATES_CONTACT) {
			addContactsFor(planned.map(({ record }) => record.Destination));
		}
		state.spend(creditsUsed);
		const detail = { Records, CreditsUsed: creditsUsed, CreditsRemaining: state.credits };
		return reply(ctx, 200, successEnvelope(account.userId, detail), STOP_LOG_XML);
	}

	/**
	 * ASSUMED (assumed.js): a number the API puts on the stop log becomes a contact if it is none.
	 * The id is made from the number, not drawn from `ids`, so MessageIDs stay as they were.
	 */
	function addContactsFor(numbers) {
		const known = new Set(state.contacts().map(contactDigits));
		for (const digits of numbers) {
			if (known.has(digits)) continue;
			known.add(digits);
			state.addContact({
				ContactID: `sim-contact-${digits}`,
				FirstName: null,
				LastName: null,
				EmailAddress: null,
				MobilePhone: digits,
				AddressBookGroupID: null,
				PersonNumber: null,
			});
		}
	}

	/** Each record's outcome, in order; a destination twice in one batch changes only once. */
	function plan(direction, records, originals) {
		const { onLog } = DIRECTIONS[direction];
		const touched = new Map();
		return records.map((record, index) => {
			const key = `${record.Destination}|${record.ShortCode}`;
			const isOnLog = touched.has(key)
				? touched.get(key)
				: state.has(record.Destination, record.ShortCode);
			const changed = isOnLog !== onLog;
			touched.set(key, onLog);
			const wantsConfirmation = record.SendConfirmation && account.confirmationAgreement === true;
			const confirm = wantsConfirmation && (changed || !TWO_SMS_CONFIRM_ONLY_CHANGED_RECORDS);
			return { record, original: originals[index], changed, confirm };
		});
	}

	return {
		remove: (ctx) => change('remove', ctx),
		add: (ctx) => change('add', ctx),
	};
}

module.exports = { createStopLogHandlers };
