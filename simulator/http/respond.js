'use strict';

/**
 * Handlers return a response description instead of writing to the socket, so the request
 * pipeline can still cut it short, truncate it or drop the connection (see control/faults.js).
 */
function jsonResponse(status, value, headers = {}) {
	return textResponse(status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

function textResponse(status, body, contentType, headers = {}) {
	return { status, headers: { 'content-type': contentType, ...headers }, body };
}

/** The page an nginx-style proxy sends when the service behind it is down. */
function proxyErrorPage(status, statusText) {
	const title = `${status} ${statusText}`;
	const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	return textResponse(status, html, 'text/html');
}

/** The first half of a body: what a client sees when the connection dies mid-response. */
function truncate(response) {
	return { ...response, body: response.body.slice(0, Math.floor(response.body.length / 2)) };
}

function retryAfterHeader(seconds) {
	return { 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
}

module.exports = { jsonResponse, textResponse, proxyErrorPage, truncate, retryAfterHeader };
