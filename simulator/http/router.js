'use strict';

/**
 * Routes written the way the API documents spell them: 'GET /rest/lease/tn/:tn/tn'.
 * The same patterns name routes in fault specs, so a test can say which route misbehaves.
 */
function compileRoute(route, { caseInsensitive = false } = {}) {
	if (route === '*') return { route, match: () => ({}) };
	const found = /^([A-Z]+) (\/\S*)$/.exec(route);
	if (!found)
		throw new TypeError(`route must be '*' or 'METHOD /path', got ${JSON.stringify(route)}`);
	const [, method, pattern] = found;
	const fold = (text) => (caseInsensitive ? text.toLowerCase() : text);
	const segments = splitPath(pattern).map((part) => (part.startsWith(':') ? part : fold(part)));

	function match(requestMethod, requestPath) {
		if (requestMethod !== method) return null;
		const parts = splitPath(requestPath);
		if (parts.length !== segments.length) return null;
		const params = {};
		for (let index = 0; index < segments.length; index++) {
			const segment = segments[index];
			if (segment.startsWith(':')) params[segment.slice(1)] = decode(parts[index]);
			else if (segment !== fold(parts[index])) return null;
		}
		return params;
	}

	return { route, match };
}

/** First route whose pattern matches, with its path parameters. */
function createRouter(routes, options) {
	const compiled = routes.map((entry) => ({ ...entry, ...compileRoute(entry.route, options) }));
	return {
		find(method, path) {
			for (const entry of compiled) {
				const params = entry.match(method, path);
				if (params) return { entry, params };
			}
			return null;
		},
	};
}

function splitPath(path) {
	return path.split('/').filter((part) => part !== '');
}

function decode(part) {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

module.exports = { compileRoute, createRouter };
