'use strict';

const { jsonResponse, textResponse } = require('../http/respond');
const { mediaType } = require('../http/body');
const { toXml } = require('./xml');
const { TWO_SMS_NO_ERROR, TWO_SMS_RESULT, TWO_SMS_XML_NAMES } = require('../assumed');

/** FACT: every 2sms answer is {Error:{ErrorCode,ErrorReason}, ResponseData:{Identification:{UserId},Result,Detail}}. */
function successEnvelope(userId, detail) {
	return {
		Error: { ...TWO_SMS_NO_ERROR },
		ResponseData: {
			Identification: { UserId: userId },
			Result: TWO_SMS_RESULT.success,
			Detail: detail,
		},
	};
}

function failureEnvelope(userId, errorCode, errorReason) {
	return {
		Error: { ErrorCode: errorCode, ErrorReason: errorReason },
		ResponseData: {
			Identification: { UserId: userId },
			Result: TWO_SMS_RESULT.failure,
			Detail: null,
		},
	};
}

/**
 * The envelope as JSON, or as XML when the request's Accept prefers XML (ASP.NET content
 * negotiation: the highest q wins, the first listed on a tie; JSON when nothing is said).
 */
function reply(ctx, status, envelope, xmlNames = TWO_SMS_XML_NAMES.error, headers = {}) {
	if (!prefersXml(ctx.headers.accept)) return jsonResponse(status, envelope, headers);
	const xml = toXml(xmlNames.root, envelope, xmlNames.items);
	return textResponse(status, xml, 'application/xml; charset=utf-8', headers);
}

function prefersXml(accept) {
	if (!accept) return false;
	const ranked = String(accept)
		.split(',')
		.map((part, position) => {
			const q = /;\s*q=([\d.]+)/.exec(part);
			return { type: mediaType(part), q: q ? Number(q[1]) : 1, position };
		})
		.filter(({ type, q }) => q > 0 && (type.includes('json') || type.includes('xml')))
		.sort((a, b) => b.q - a.q || a.position - b.position);
	return ranked.length > 0 && ranked[0].type.includes('xml');
}

module.exports = { successEnvelope, failureEnvelope, reply };
