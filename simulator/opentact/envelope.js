'use strict';

const http = require('node:http');
const { jsonResponse } = require('../http/respond');
const { OPENTACT_ERROR_META } = require('../assumed');

/** FACT: every success is {"success":true,"payload":…}. */
function success(payload) {
	return jsonResponse(200, { success: true, payload });
}

/**
 * FACT: every error is {"success":false,"message","status","meta","fields"} with the HTTP status
 * equal to `status`; `fields` names the offending input, e.g. {"query.tn_lease":{message,value}}.
 */
function failure(
	status,
	message = http.STATUS_CODES[status] ?? 'Error',
	fields = {},
	headers = {},
) {
	const meta = OPENTACT_ERROR_META[status] ?? (status >= 500 ? OPENTACT_ERROR_META[500] : 'Error');
	return jsonResponse(status, { success: false, message, status, meta, fields }, headers);
}

/** A 400 about one input: where ('query.take', 'params.tn', 'body.sms_campaign'), why, what was sent. */
function invalid(location, message, value) {
	return failure(400, 'Validation failed', { [location]: { message, value: value ?? null } });
}

module.exports = { success, failure, invalid };
