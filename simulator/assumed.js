'use strict';

/**
 * Every choice the simulator makes where the providers' documents are silent, in one place.
 * docs/api-notes.md marks these ASSUMED; the n8n nodes make the same choices, so a correction
 * to one of these values must be made on both sides.
 */

// ---------------------------------------------------------------- Opentact

// ASSUMED: Opentact's documentation (Disable SMS on Number) types `meta` as a string without saying what it holds; we put the error's class name.
const OPENTACT_ERROR_META = Object.freeze({
	400: 'BadRequestError',
	401: 'UnauthorizedError',
	402: 'PaymentRequiredError',
	403: 'ForbiddenError',
	404: 'NotFoundError',
	429: 'TooManyRequestsError',
	500: 'InternalServerError',
});

// ASSUMED: wording of the 401 messages is undocumented; distinct texts help a reader of the log.
const OPENTACT_AUTH_MESSAGES = Object.freeze({
	loginFailed: 'Invalid email or password',
	tokenMissing: 'X-Auth-Token header is required',
	tokenInvalid: 'Invalid token',
	tokenExpired: 'jwt expired',
});

// ASSUMED: GET /rest/auth also accepts a valid X-Auth-Token and answers the login payload with a fresh JWT (credential test).
const OPENTACT_AUTH_ACCEPTS_X_AUTH_TOKEN = true;

// ASSUMED (docs/api-notes.md, Opentact "Disable SMS on Number"): disabling SMS that is already off answers 404; this message tells it apart from "TNLease not found".
const OPENTACT_SMS_ALREADY_DISABLED = Object.freeze({
	status: 404,
	message: 'SMS subscription not found',
});

// ASSUMED: enabling SMS that is already on is a bad request rather than a silent success.
const OPENTACT_SMS_ALREADY_ENABLED = Object.freeze({
	status: 400,
	message: 'SMS subscription already exists',
});

// ASSUMED: refusals with these statuses say nothing about a lease's SMS state (credential, another
// account's lease, rate limit), so the node does not read the lease back after them; any other 4xx
// refusal of an SMS change is settled by the lease's `subscriptions`. The "already" refusals above
// (and any rewording a test sets with sim.state.opentact.setRefusals) are therefore never one of them.
const OPENTACT_REFUSALS_WITHOUT_LEASE_STATE = Object.freeze([401, 403, 407, 429]);

// ASSUMED: search pages hold exactly `take` leases until the list ends, all with the same `total`;
// the node reads a short page, a moved total or a repeated lease as a list that changed while paged.
// A first page shorter than asked, with more to come, is taken as the server's own page size.
const OPENTACT_SEARCH_FULL_PAGES = true;

// ASSUMED: a lease of another account answers 403 (Opentact's documentation, Disable SMS on Number, lists 403 without saying when).
const OPENTACT_FOREIGN_LEASE_MESSAGE = 'TNLease belongs to another account';

// ASSUMED: Opentact's documentation (Disable SMS on Number) spells the query parameter `Tn_lease`, every other Opentact parameter is snake_case; accept both.
const OPENTACT_TN_LEASE_PARAMS = Object.freeze(['tn_lease', 'Tn_lease']);

// ASSUMED: documented as `Messaging_profile` / `SMS_campaign`; we use the API's usual snake_case keys.
const OPENTACT_ENABLE_SMS_BODY_KEYS = Object.freeze({
	messagingProfile: 'messaging_profile',
	smsCampaign: 'sms_campaign',
});

// ASSUMED: search accepts take/skip in query and body; when both carry one, the body wins.
const OPENTACT_SEARCH_BODY_OVERRIDES_QUERY = true;

// ASSUMED: Opentact documents no rate limit; if one is simulated it answers 429 in the usual envelope.
const OPENTACT_RATE_LIMIT_MESSAGE = 'Too Many Requests';

// ---------------------------------------------------------------- 2sms

// ASSUMED: success is an Error object whose fields are null (docs/api-notes.md, 2sms "Envelope": an empty or absent ErrorCode means success).
const TWO_SMS_NO_ERROR = Object.freeze({ ErrorCode: null, ErrorReason: null });

// ASSUMED: `Result` is undocumented ("sample string"). The 2sms node takes only `success` as proof
// (nodes/TwoSms/transport/answers.ts RESULT_SUCCESS; a test holds them equal).
const TWO_SMS_RESULT = Object.freeze({ success: 'Success', failure: 'Failed' });

// ASSUMED: per-record Status values are undocumented ("sample string 3"). The 2sms node knows exactly
// these words and no others (nodes/TwoSms/transport/answers.ts STOP_LOG_STATUS; a test holds them equal).
const TWO_SMS_STOP_LOG_STATUS = Object.freeze({
	removed: 'Removed',
	notOnStopLog: 'NotOnStopLog',
	added: 'Added',
	alreadyOnStopLog: 'AlreadyOnStopLog',
});

// ASSUMED: ErrorCode values are undocumented; these names describe the failure.
const TWO_SMS_ERROR_CODES = Object.freeze({
	invalidRecord: 'InvalidRecord',
	invalidRequest: 'InvalidRequest',
	tooManyRecords: 'TooManyRecords',
	insufficientCredits: 'InsufficientCredits',
	tooManyRequests: 'TooManyRequests',
	internalError: 'InternalError',
});

// ASSUMED: the ErrorCodes one record can cause (a landline, a Reason too long): only a batch refused
// with one of these is split by the node to isolate the record (nodes/TwoSms/transport/answers.ts
// RECORD_FAULT_ERROR_CODES). InsufficientCredits, InvalidRequest, ... are the whole batch's.
const TWO_SMS_RECORD_FAULT_ERROR_CODES = Object.freeze([TWO_SMS_ERROR_CODES.invalidRecord]);

// ASSUMED: an unreadable or invalid record rejects the whole batch with 400 and changes nothing.
const TWO_SMS_INVALID_BATCH_STATUS = 400;

// ASSUMED: no documented maximum batch size; the node batches 100 by default, the server allows 1000.
const TWO_SMS_MAX_RECORDS_PER_REQUEST = 1000;

// ASSUMED: E.164 allows up to 15 digits; below 8 digits nothing is a mobile number anywhere.
const TWO_SMS_DESTINATION_DIGITS = Object.freeze({ min: 8, max: 15 });

// ASSUMED: Reason is stored with the stop-log entry; a typical nvarchar(255) column.
const TWO_SMS_REASON_MAX_LENGTH = 255;

// ASSUMED: one confirmation SMS costs one credit.
const TWO_SMS_CREDITS_PER_CONFIRMATION = 1;

// ASSUMED: a confirmation is sent only for records that changed the stop log (Removed/Added), never for no-ops.
const TWO_SMS_CONFIRM_ONLY_CHANGED_RECORDS = true;

// ASSUMED: short credit is a business error in the envelope (HTTP 200 + ErrorCode), like other 2sms errors; nothing changes.
const TWO_SMS_INSUFFICIENT_CREDITS_HTTP_STATUS = 200;

// ASSUMED: response Records echo the Destination as normalised digits (no '+'), the form the stop log keys on.
const TWO_SMS_ECHO_DESTINATION_AS_DIGITS = true;

// GET api/v2/addressbook/stoplog paging. The text says Page and NoOfRecords default to 0 and 20;
// ASSUMED: a default page 0 means pages count from 0, and a page holds at most 100 entries
// (nodes/TwoSms/transport/answers.ts STOP_LOG_SEARCH_PAGING; a test holds them equal).
const TWO_SMS_V2_PAGING = Object.freeze({ firstPage: 0, defaultNoOfRecords: 20, maxNoOfRecords: 100 });

// ASSUMED: the stock ASP.NET OAuth server answers these bodies (docs/api-notes.md, 2sms "Authentication").
const TWO_SMS_TOKEN_ERRORS = Object.freeze({
	invalidClient: { error: 'invalid_client' },
	unsupportedGrantType: { error: 'unsupported_grant_type' },
	invalidRequest: { error: 'invalid_request' },
});
const TWO_SMS_DENIED = Object.freeze({
	Message: 'Authorization has been denied for this request.',
});

// ASSUMED: the XML serializer (xsd/xsi namespaces in 2sms's API help, DELETE api/v1/addressbook/stoplog = XmlSerializer) omits null elements.
const TWO_SMS_XML_OMITS_NULLS = true;

// ASSUMED: XML root and item names of the responses 2sms's API help does not show, in the naming pattern of the ones it shows.
const TWO_SMS_XML_NAMES = Object.freeze({
	stopLogSearch: { root: 'ResponseOfStopLogSearchResponse', items: { Records: 'StopLogRecord' } },
	templates: { root: 'ResponseOfTemplatesResponse', items: { Templates: 'Template' } },
	error: { root: 'ResponseOfObject', items: {} },
});

module.exports = {
	OPENTACT_ERROR_META,
	OPENTACT_AUTH_MESSAGES,
	OPENTACT_AUTH_ACCEPTS_X_AUTH_TOKEN,
	OPENTACT_SMS_ALREADY_DISABLED,
	OPENTACT_SMS_ALREADY_ENABLED,
	OPENTACT_REFUSALS_WITHOUT_LEASE_STATE,
	OPENTACT_SEARCH_FULL_PAGES,
	OPENTACT_FOREIGN_LEASE_MESSAGE,
	OPENTACT_TN_LEASE_PARAMS,
	OPENTACT_ENABLE_SMS_BODY_KEYS,
	OPENTACT_SEARCH_BODY_OVERRIDES_QUERY,
	OPENTACT_RATE_LIMIT_MESSAGE,
	TWO_SMS_NO_ERROR,
	TWO_SMS_RESULT,
	TWO_SMS_STOP_LOG_STATUS,
	TWO_SMS_ERROR_CODES,
	TWO_SMS_RECORD_FAULT_ERROR_CODES,
	TWO_SMS_INVALID_BATCH_STATUS,
	TWO_SMS_MAX_RECORDS_PER_REQUEST,
	TWO_SMS_DESTINATION_DIGITS,
	TWO_SMS_REASON_MAX_LENGTH,
	TWO_SMS_CREDITS_PER_CONFIRMATION,
	TWO_SMS_CONFIRM_ONLY_CHANGED_RECORDS,
	TWO_SMS_INSUFFICIENT_CREDITS_HTTP_STATUS,
	TWO_SMS_ECHO_DESTINATION_AS_DIGITS,
	TWO_SMS_V2_PAGING,
	TWO_SMS_TOKEN_ERRORS,
	TWO_SMS_DENIED,
	TWO_SMS_XML_OMITS_NULLS,
	TWO_SMS_XML_NAMES,
};

// ================================================================ compliance loop (issues 13, 14)
// Appended as its own section so the entries above stay as they are; exported at the end.

// ---------------------------------------------------------------- Opentact messaging profiles

// ASSUMED: values of IMessagingProfile fields a fixture profile leaves out; swagger names them, not their defaults.
const OPENTACT_PROFILE_DEFAULTS = Object.freeze({
	callback_url: null, // FACT (Opentact's documentation, Disable SMS on Number): a profile without a webhook shows callback_url: null
	callback_url2: null,
	number_pool_enable: false,
	long_code_weight: 1,
	tollfree_weight: 1,
	skip_unhealthy_tns: false,
	sticky_sender: false,
});

// ASSUMED: a profile's `account` is the owning account's UUID (swagger does not show whether it is a UUID or an object).
const OPENTACT_PROFILE_ACCOUNT_AS_UUID = true;

// ASSUMED: PATCH changes only these fields; any other key (a typo, a read-only field) is a 400 naming it, not silently ignored.
const OPENTACT_PROFILE_PATCH_FIELDS = Object.freeze(['name', 'callback_url', 'callback_url2']);

// ASSUMED: null clears callback_url / callback_url2 (Opentact's documentation, Disable SMS on Number, shows callback_url: null on a profile).
const OPENTACT_PROFILE_NULL_CLEARS_CALLBACK = true;

// ASSUMED: callback_url2 has the same 10..255 length limit the old docs give callback_url.
const OPENTACT_CALLBACK_URL2_SAME_LIMITS = true;

// ASSUMED: a profile name is 1..255 characters (a typical varchar) and cannot be null.
const OPENTACT_PROFILE_NAME_LENGTH = Object.freeze({ min: 1, max: 255 });

// ASSUMED: wording patterned on the documented "TNLease not found"; another account's profile is also 404.
const OPENTACT_PROFILE_NOT_FOUND_MESSAGE = 'MessagingProfile not found';

// ---------------------------------------------------------------- Opentact inbound SMS (ISMSI)

// ASSUMED: the stored inbound message (swagger ISMSI) is also the callback body. Numbers are 11-digit
// strings without '+', `tn` is the number's tn object as a lease shows it, `tnlease` the lease's UUID,
// `thread` one UUID per (our number, sender) pair, `account` the account's UUID.
const OPENTACT_SMSI_DEFAULTS = Object.freeze({
	state: 'success', // swagger enum: created | success | failed
	delivered: true, // the carrier handed it to Opentact
	readed: false,
	provider_event: null, // the carrier's raw event is not simulated
});
const OPENTACT_SMSI_STATES = Object.freeze(['created', 'success', 'failed']);

// ASSUMED: wording patterned on "TNLease not found"; another account's message is also 404.
const OPENTACT_SMSI_NOT_FOUND_MESSAGE = 'SMSI not found';

// ASSUMED: POST /rest/sms/search/inbound without `order` lists newest first; created_on_from and
// created_on_to are both inclusive; `message` matches a case-insensitive substring; from/to/tn match
// exactly (digits, a leading '+' ignored). take/skip follow OPENTACT_SEARCH_BODY_OVERRIDES_QUERY.
const OPENTACT_INBOUND_SEARCH = Object.freeze({
	defaultOrder: 'DESC',
	createdOnBoundsInclusive: true,
	messageMatch: 'substring, case-insensitive',
});

// ASSUMED: Opentact gives up on a callback after 10 s. It then tries callback_url2 ("if primary can't
// be reached") when the primary could not be connected to, answered 5xx or timed out; any other answer
// (2xx, 3xx, 4xx) is final and redirects are not followed. No retries beyond that (none documented).
const OPENTACT_CALLBACK_TIMEOUT_MS = 10_000;

// ASSUMED: a profile with only callback_url2 set delivers there (a missing primary "can't be reached").
const OPENTACT_CALLBACK_SECONDARY_WITHOUT_PRIMARY = true;

// ASSUMED: Opentact POSTs to a callback URL exactly as stored, its query string included: the
// Opentact Trigger's secret travels as `?secret=…` (nodes/Opentact/trigger/secret.ts). callbacks.js
// requests the stored URL as it is.
const OPENTACT_CALLBACK_URL_KEPT_WHOLE = true;

// Not simulated: delivery status updates of outbound messages, which Opentact's "Receiving Messaging
// Events" page says go to the same webhooks. ASSUMED by the trigger (OUTBOUND_WHEN_TN_IS_SENDER in
// nodes/Opentact/trigger/inbound.ts): they come as the message object with `tn` equal to `from`, and
// start nothing; tests POST such bodies themselves.
const OPENTACT_DELIVERY_STATUS_CALLBACKS = false;

// ---------------------------------------------------------------- 2sms inbound

// FACT: replies of STOP, CANCEL or QUIT add the sender to the stop log. ASSUMED: the whole message
// is the keyword: trimmed, case-insensitive, punctuation and symbols ignored ("Stop!" yes, "stop it" no).
const TWO_SMS_STOP_REPLY_KEYWORDS = Object.freeze(['STOP', 'CANCEL', 'QUIT']);

// ASSUMED: the Reason 2sms writes for such an entry, in the fixture's "STOP received" style.
const TWO_SMS_STOP_REPLY_REASON = (keyword) => `${keyword} received (reply to 2sms)`;

// ASSUMED: a STOP sent to an inbound long number (not a short code) goes on the account's default short code's stop log.
const TWO_SMS_STOP_REPLY_LONG_NUMBER_USES_DEFAULT_SHORT_CODE = true;

// ASSUMED: report record fields beyond the two the help page's sample shows (Text, InboundNumber),
// named after the two-way push (inboundcli, dateInsert) in the sample's PascalCase, plus an id:
// DateInsert has one-second resolution, so two equal replies in one second are told apart only by an
// id, and 2sms identifies messages by GUID elsewhere (MessageID).
const TWO_SMS_INBOUND_REPORT_FIELDS = Object.freeze({
	sender: 'InboundCli',
	date: 'DateInsert',
	id: 'InboundMessageID',
});

// ASSUMED: DateInsert is written MM/DD/YYYY HH:MM:SS (the two-way push's format) in UTC.
const TWO_SMS_INBOUND_DATE_FORMAT = 'MM/DD/YYYY HH:MM:SS UTC';

// ASSUMED: the DateRange enum's names (the help page names the type only); matched case-insensitively;
// weeks start on Monday; everything in UTC.
const TWO_SMS_INBOUND_RANGES = Object.freeze([
	'Today',
	'Yesterday',
	'ThisWeek',
	'LastWeek',
	'ThisMonth',
	'LastMonth',
]);

// ASSUMED: the help page says a report with no parameter "will not return anything"; we answer 400 in
// the envelope (InvalidRequest). Only the documented parameters count; empty values count as absent.
const TWO_SMS_INBOUND_REPORT_NEEDS_A_PARAMETER_STATUS = 400;

// ASSUMED: DaysToCover is a rolling window of that many 24-hour days ending now; StartDate and
// EndDate are inclusive and either may stand alone; StartDate/EndDate must be exactly YYYY-MM-DDTHH:MM:SSZ.
const TWO_SMS_INBOUND_WINDOW = Object.freeze({ daysAreRolling: true, datesInclusive: true });

// ASSUMED: XmlSerializer names list items after their type, as the help pages show for MessageResponse.
const TWO_SMS_INBOUND_REPORT_XML = Object.freeze({
	root: 'ResponseOfListOfInboundReportMessages', // FACT: the resource name on the help page
	items: { Detail: 'InboundReportMessages' },
});

Object.assign(module.exports, {
	OPENTACT_PROFILE_DEFAULTS,
	OPENTACT_PROFILE_ACCOUNT_AS_UUID,
	OPENTACT_PROFILE_PATCH_FIELDS,
	OPENTACT_PROFILE_NULL_CLEARS_CALLBACK,
	OPENTACT_CALLBACK_URL2_SAME_LIMITS,
	OPENTACT_PROFILE_NAME_LENGTH,
	OPENTACT_PROFILE_NOT_FOUND_MESSAGE,
	OPENTACT_SMSI_DEFAULTS,
	OPENTACT_SMSI_STATES,
	OPENTACT_SMSI_NOT_FOUND_MESSAGE,
	OPENTACT_INBOUND_SEARCH,
	OPENTACT_CALLBACK_TIMEOUT_MS,
	OPENTACT_CALLBACK_SECONDARY_WITHOUT_PRIMARY,
	OPENTACT_CALLBACK_URL_KEPT_WHOLE,
	OPENTACT_DELIVERY_STATUS_CALLBACKS,
	TWO_SMS_STOP_REPLY_KEYWORDS,
	TWO_SMS_STOP_REPLY_REASON,
	TWO_SMS_STOP_REPLY_LONG_NUMBER_USES_DEFAULT_SHORT_CODE,
	TWO_SMS_INBOUND_REPORT_FIELDS,
	TWO_SMS_INBOUND_DATE_FORMAT,
	TWO_SMS_INBOUND_RANGES,
	TWO_SMS_INBOUND_REPORT_NEEDS_A_PARAMETER_STATUS,
	TWO_SMS_INBOUND_WINDOW,
	TWO_SMS_INBOUND_REPORT_XML,
});

// ---------------------------------------------------------------- 2sms stop-log listing (issue 14)

// FACT: GET api/v2/addressbook/stoplog lists the logged-in user's address-book contacts "that have a
// stop log request against them or are invalid numbers"; contacts inherited from another user are
// left out. ASSUMED: its records are each stop-log entry of a contact's number, in the entry's own
// fields (Destination, ShortCode, Reason, DateAdded) followed by the contact's (MobilePhone as the
// contact holds it, FirstName, LastName, EmailAddress, AddressBookGroupID, PersonNumber); a contact
// whose number is invalid and has no entry is listed once, ShortCode null, InvalidNumber true. Two
// contacts with one number list its entries twice. Contacts in address-book order, then entries in
// the order they were made. The n8n nodes rely on none of these names beyond MobilePhone/Destination
// and ShortCode (nodes/TwoSms/transport/answers.ts), and keep the rest as `raw`.
const TWO_SMS_STOP_LOG_LISTING_CONTACT_FIELDS = Object.freeze([
	'MobilePhone',
	'FirstName',
	'LastName',
	'EmailAddress',
	'AddressBookGroupID',
	'PersonNumber',
]);

// ASSUMED: a number is invalid when it is no mobile by the same rule that refuses it on the stop-log
// routes (TWO_SMS_DESTINATION_DIGITS, the fixture's nonMobilePrefixes).
const TWO_SMS_STOP_LOG_LISTING_LISTS_INVALID_NUMBERS = true;

// ASSUMED: the listing's filters are all optional and all must hold: MobilePhone and PersonNumbers
// comma lists (numbers compared as digits), AddressBookGroupID exactly, EmailAddress, FirstName and
// LastName whole and without regard to case.
const TWO_SMS_STOP_LOG_LISTING_FILTERS = Object.freeze([
	'MobilePhone',
	'AddressBookGroupID',
	'EmailAddress',
	'FirstName',
	'LastName',
	'PersonNumbers',
]);

// ASSUMED: POST api/v1/addressbook/stoplog (an address-book route) makes a number that is no contact
// of the user a contact (named by its number only), so what the API adds the listing shows; a STOP
// reply from a number that is no contact reaches the stop log but not the address book, so the
// listing never shows it (the documented "address-book contacts" limit, made visible).
const TWO_SMS_STOP_LOG_ADD_CREATES_CONTACT = true;
const TWO_SMS_STOP_REPLY_CREATES_CONTACT = false;

Object.assign(module.exports, {
	TWO_SMS_STOP_LOG_LISTING_CONTACT_FIELDS,
	TWO_SMS_STOP_LOG_LISTING_LISTS_INVALID_NUMBERS,
	TWO_SMS_STOP_LOG_LISTING_FILTERS,
	TWO_SMS_STOP_LOG_ADD_CREATES_CONTACT,
	TWO_SMS_STOP_REPLY_CREATES_CONTACT,
});
