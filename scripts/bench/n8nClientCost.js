#!/usr/bin/env node
'use strict';
// What n8n's own HTTP client costs per request, cold and warm (issue 16): the function every
// request of a community node ends in (`httpRequest` of n8n 2.41.1's @n8n/backend-network, from
// the cache `node scripts/n8n install` fills), on Node 24, sending 2sms-shaped requests (a
// DELETE of N stop-log records, the options our node passes) 10 at a time to a server in another
// process that answers N records. Prints this process's CPU per request for the first 100
// requests of a fresh process (as in `n8n execute`, where the 2sms job sends 101) and for 1,000
// more once the code is warm. n8n's wrapper around it (httpRequestWithAuthentication) is not
// included. `node scripts/bench/n8nClientCost.js [records per request, default 100]`.
const { fork, spawnSync } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const { DEFAULT_VERSION, ensureNode24, installDir } = require('../lib/runtime');

const records = Number(process.argv[2] ?? 100);

function serve() {
	const answer = JSON.stringify({
		Error: { ErrorCode: null, ErrorReason: null },
		ResponseData: {
			Identification: { UserId: 'bench' },
			Result: 'Success',
			Detail: {
				Records: Array.from({ length: records }, (_, index) => ({
					Destination: String(447700900000 + index),
					MessageID: `m${index}`,
					Status: 'Removed',
					ShortCode: '60777',
				})),
				CreditsUsed: 0,
				CreditsRemaining: 100,
			},
		},
	});
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			response.setHeader('content-type', 'application/json');
			response.end(answer);
		});
	});
	server.listen(0, '127.0.0.1', () => process.send(server.address().port));
}

async function measure() {
	const modules = path.join(installDir(DEFAULT_VERSION), 'node_modules');
	const { httpRequest } = require(path.join(modules, '@n8n/backend-network/dist/http/axios/request.js'));
	const server = fork(__filename, ['--serve', String(records)]);
	const port = await new Promise((resolve) => server.once('message', resolve));
	const body = Array.from({ length: records }, (_, index) => ({
		Destination: String(447700900000 + index),
		Reason: 'Customer asked to receive messages again',
		SendConfirmation: false,
		ShortCode: null,
	}));
	const options = () => ({
		method: 'DELETE',
		url: `http://127.0.0.1:${port}/api/v1/addressbook/stoplog`,
		headers: { Authorization: 'Bearer bench' },
		body,
		json: true,
		returnFullResponse: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: 30_000,
	});
	const send = async (count) => {
		let sent = 0;
		const cpu = process.cpuUsage();
		await Promise.all(
			Array.from({ length: 10 }, async () => {
				while (sent < count) {
					sent += 1;
					await httpRequest(options());
				}
			}),
		);
		const used = process.cpuUsage(cpu);
		return (used.user + used.system) / 1000 / count;
	};
	const cold = await send(100);
	await send(1_000);
	const warm = await send(1_000);
	server.kill();
	console.log(
		`n8n ${DEFAULT_VERSION}'s HTTP client on Node ${process.versions.node}, ${records} records a request: ` +
			`${cold.toFixed(2)} ms of CPU per request for the first 100 (a fresh process), ${warm.toFixed(2)} ms once warm`,
	);
}

if (process.argv[2] === '--serve') {
	serve();
} else if (Number(process.versions.node.split('.')[0]) < 24) {
	const node24 = path.join(ensureNode24(), 'node');
	const ran = spawnSync(node24, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
	process.exitCode = ran.status ?? 1;
} else {
	measure().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
