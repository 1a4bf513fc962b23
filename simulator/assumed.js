'use strict';

/**
 * Every choice the simulator makes where the providers' documents are silent, in one place.
 * shared/API-NOTES.md marks these ASSUMED; the n8n nodes make the same choices, so a correction
 * to one of these values must be made on both sides.
 */

// ---------------------------------------------------------------- Opentact

// ASSUMED: the seed types `meta` as a string without saying what it holds; we put the error's class name.
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

// ASSUMED: API-NOTES: disabling SMS that is already off answers 404; this message tells it apart from "TNLease not found".
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

// ASSUMED: a lease of another account answers 403 (the seed lists 403 without saying when).
const OPENTACT_FOREIGN_LEASE_MESSAGE = 'TNLease belongs to another account';

// ASSUMED: the seed spells the query parameter `Tn_lease`, every other Opentact parameter is snake_case; accept both.
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

// ASSUMED: success is an Error object whose fields are null (API-NOTES: "empty/absent ErrorCode means success").
const TWO_SMS_NO_ERROR = Object.freeze({ ErrorCode: null, ErrorReason: null });

// ASSUMED: `Result` is undocumented ("sample string"); nodes only look at ErrorCode.
const TWO_SMS_RESULT = Object.freeze({ success: 'Success', failure: 'Failed' });

// ASSUMED: per-record Status values are undocumented ("sample string 3").
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

// ASSUMED: paging defaults of GET api/v2/addressbook/stoplog are undocumented.
const TWO_SMS_V2_PAGING = Object.freeze({ defaultNoOfRecords: 10, maxNoOfRecords: 100 });

// ASSUMED: the stock ASP.NET OAuth server answers these bodies (API-NOTES).
const TWO_SMS_TOKEN_ERRORS = Object.freeze({
	invalidClient: { error: 'invalid_client' },
	unsupportedGrantType: { error: 'unsupported_grant_type' },
	invalidRequest: { error: 'invalid_request' },
});
const TWO_SMS_DENIED = Object.freeze({
	Message: 'Authorization has been denied for this request.',
});

// ASSUMED: the XML serializer (xsd/xsi namespaces in the seed = XmlSerializer) omits null elements.
const TWO_SMS_XML_OMITS_NULLS = true;

// ASSUMED: XML root and item names of the responses the seed does not show, in the seed's naming pattern.
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
