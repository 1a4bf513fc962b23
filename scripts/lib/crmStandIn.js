'use strict';
// A CRM stand-in on 127.0.0.1 for the examples that tell a CRM (their HTTP Request nodes point at
// it): records each request's path and JSON body, answers 200 {"ok":true}. Shared by the engine
// test of examples/stop-to-stop-log.json and the real-n8n acceptance of the triggers.
const http = require('node:http');

/** A CRM stand-in on 127.0.0.1 recording what it is told (the example's two HTTP Request nodes). */
async function startCrm() {
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			let json;
			try {
				json = JSON.parse(body);
			} catch {
				json = body;
			}
			received.push({ path: req.url, body: json });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startCrm };
