'use strict';
// The triggers in a real n8n (issues 13 and 14): the Opentact Trigger registering itself with a
// messaging profile when its workflow is activated, running on an inbound STOP, surviving a
// restart, giving the profile back when deactivated, refusing "Listen for test event" on a
// profile its active workflow holds, running on a queue-mode worker; and the 2sms Trigger firing
// on its schedule when the stop log changes. Every check is on what the simulator was left with
// (the profile's callback URL, the stop log, what the CRM stand-in was told) and on n8n's own
// execution records. Registered by n8n.acceptance.js inside its describe(`n8n ${VERSION}`); the
// suite's beforeEach resets the simulator, so each test activates and deactivates in itself.
const path = require('node:path');
const { startRedis } = require('../../scripts/n8n/redis');
const { waitFor } = require('../../scripts/lib/processes');
const { stopLogNumbers } = require('./helpers');
const kit = require('./triggerKit');

const { PROFILE, LINE, STOP, POLL, secretOf } = kit;
const WEBHOOK_ID = '6a2f1c30-8b4d-4e7a-9c15-0000000000aa'; // the example's trigger node's webhookId
const CUSTOMERS = [
	{ from: '+1 646 555 0101', stopLog: '16465550101' },
	{ from: '+1 646 555 0102', stopLog: '16465550102' },
	{ from: '+1 646 555 0103', stopLog: '16465550103' },
	{ from: '+1 646 555 0104', stopLog: '16465550104' },
];
const TEST_REFUSAL = /sends its inbound SMS to this workflow's production URL: the workflow is active/;

/**
 * @param {object} context
 * @param {() => object} context.stack  the suite's stack (created in its beforeAll)
 * @param {string} context.VERSION  the n8n version under test
 * @param {string} context.WORK_DIR  the suite's work folder
 * @param {() => import('node:fs').WriteStream} context.logStream  where n8n's and Redis's output go
 */
function registerTriggerTests({ stack, WORK_DIR, logStream }) {
	let crm;
	let sim;
	const n8n = () => stack().n8n;
	const productionUrl = () => `${n8n().url}/webhook/${WEBHOOK_ID}/opentact`;

	/** n8n answers a CORS preflight with 204 once a webhook path is registered, 404 before. */
	const webhookRegistered = async () => {
		const response = await fetch(productionUrl(), {
			method: 'OPTIONS',
			headers: { origin: n8n().url, 'access-control-request-method': 'POST' },
			signal: AbortSignal.timeout(2000),
		});
		return response.status === 204;
	};
	const waitForWebhook = () =>
		waitFor('n8n to register the trigger webhook', webhookRegistered, { timeoutMs: 60_000 });
	/** Finished executions of a workflow, newest first. */
	const finished = async (workflowId) =>
		(await n8n().executions(workflowId)).filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
	const waitForExecutions = async (workflowId, count, timeoutMs = 60_000) => {
		try {
			return await waitFor(
				`${count} finished execution(s) of workflow ${workflowId}`,
				async () => {
					const done = await finished(workflowId);
					return done.length >= count ? done : false;
				},
				{ timeoutMs, intervalMs: 500 },
			);
		} catch (error) {
			// What n8n and the simulator show then, to tell a trigger that never ran from a slow one.
			const executions = await n8n().executions(workflowId).catch((e) => e.message);
			const { active } = await n8n().workflow(workflowId).catch(() => ({}));
			const requests = (await stack().sim.requests()).map((entry) => `${entry.at} ${entry.method} ${entry.path} ${entry.status}`);
			error.message += `\nactive: ${active}; executions: ${JSON.stringify(executions)}\nsimulator requests:\n${requests.join('\n')}`;
			throw error;
		}
	};
	const waitForStopLog = async (number) =>
		await waitFor(
			`${number} on the 2sms stop log`,
			async () => stopLogNumbers(await stack().sim.state()).includes(number),
			{ timeoutMs: 60_000 },
		);
	/** A STOP texted to the line: the simulator POSTs it to the profile's callback URL (n8n's). */
	const textStop = async (customer) => {
		const { deliveries } = await sim.opentactInbound({ to: LINE, from: customer.from, message: 'STOP' });
		expect(deliveries).toEqual([
			expect.objectContaining({ target: 'primary', outcome: 'delivered', status: 200 }),
		]);
	};
	/** A STOP that n8n runs through: on the stop log, and one more successful execution. */
	const stopRunsThrough = async (customer) => {
		const before = (await finished(STOP.id)).length;
		await textStop(customer);
		await waitForStopLog(customer.stopLog);
		const [newest] = await waitForExecutions(STOP.id, before + 1);
		expect(newest).toMatchObject({ status: 'success', mode: 'webhook' });
		return newest;
	};
	const registered = async () => (await sim.profile()).callback_url;
	/** The trigger's registration as n8n stored it with the workflow (its static data). */
	const storedRegistration = async () => {
		const { staticData } = await n8n().workflow(STOP.id);
		const data = typeof staticData === 'string' ? JSON.parse(staticData) : staticData;
		return data?.[`node:${STOP.trigger}`]?.registration;
	};
	/** Waits for the profile's callback URL to satisfy `check` (n8n 2.x publishes in the background). */
	const waitForCallbackUrl = async (what, check) => {
		let url;
		await waitFor(`the profile's callback URL to be ${what}`, async () => check((url = await registered())), {
			timeoutMs: 60_000,
		});
		return url;
	};
	const isProductionUrl = (url) => typeof url === 'string' && url.startsWith(`${productionUrl()}?secret=`);
	/**
	 * Activates (publishes) the STOP workflow and waits for what a user would see: the profile
	 * pointing at n8n's production URL and n8n answering on it. n8n 1.x has done both when the REST
	 * call answers; 2.x answers first and publishes in the background.
	 */
	const activateStop = async () => {
		await n8n().activateWorkflow(STOP.id);
		const url = await waitForCallbackUrl("n8n's production URL", isProductionUrl);
		expect(secretOf(url)).toMatch(/^[A-Za-z0-9]{43}$/);
		await waitForWebhook();
		// n8n 2.41 serves the webhook before it has stored the static data the activation wrote; a
		// callback in that moment reads the old registration and is refused (401). Opentact does not
		// retry a 4xx, so the tests, like an operator, wait until the registration is stored.
		await waitFor('the registration to be stored with the workflow', async () => (await storedRegistration())?.secret === secretOf(url));
		return url;
	};
	const deactivateStop = async (expected) => {
		await n8n().deactivateWorkflow(STOP.id);
		await waitForCallbackUrl(String(expected), (url) => url === expected);
	};
	const deactivateIfActive = async (id) => {
		if ((await n8n().workflow(id)).active) await n8n().deactivateWorkflow(id);
	};
	const cleanUp = async () => {
		// A failed test must not leave a workflow active for the next one (the simulator is reset).
		for (const id of [STOP.id, POLL.id]) await deactivateIfActive(id).catch(() => {});
		// 2.x unpublishes in the background: wait, so that it cannot touch the next test's profile.
		await waitFor('the trigger webhook to be gone', async () => !(await webhookRegistered())).catch(() => {});
	};

	describe('triggers', () => {
		beforeAll(async () => {
			sim = kit.simulatorControls(stack().sim);
			crm = await kit.startCrm();
			const dir = kit.writeTriggerWorkflows(WORK_DIR, crm.url);
			await n8n().cli(['import:workflow', '--separate', `--input=${dir}`]);
		}, 300_000);
		afterAll(async () => await crm?.close());
		beforeEach(() => {
			if (crm) crm.received.length = 0;
		});

		describe('n8n start (regular mode)', () => {
			beforeAll(async () => {
				await n8n().spawn('start');
				await n8n().ensureOwnerAndLogin();
			}, 300_000);
			afterEach(cleanUp, 60_000);
			afterAll(async () => await n8n().stopAll(), 60_000);

			test('activating the STOP example points the profile at n8n; a STOP lands on the 2sms stop log; deactivating restores the earlier URL', async () => {
				const earlier = `${crm.url}/earlier-system/inbound-sms`;
				await sim.setCallbackUrl(earlier);
				await activateStop();

				const patches = (await stack().sim.requests()).filter(
					(entry) => entry.method === 'PATCH' && entry.path.endsWith(`/profile/messaging/${PROFILE.uuid}`),
				);
				expect(patches).toHaveLength(2); // the portal's (setCallbackUrl), then the trigger's
				expect(await waitFor('the registration in static data', storedRegistration)).toMatchObject({
					profileId: PROFILE.uuid,
					previousCallbackUrl: earlier,
				});

				await stopRunsThrough(CUSTOMERS[0]);
				await waitFor('the CRM to be told', () => crm.received.length >= 1, { timeoutMs: 30_000 });
				expect(crm.received).toEqual([
					{
						path: '/api/sms-opt-outs',
						body: expect.objectContaining({
							phone: '+16465550101',
							line: '+12017771234',
							keyword: 'STOP',
							stopLog: expect.objectContaining({ outcome: 'added' }),
						}),
					},
				]);

				await deactivateStop(earlier);
				await waitFor('the registration to leave static data', async () => (await storedRegistration()) === undefined);
			}, 180_000);

			test('"Listen for test event" on the profile its active workflow holds is refused with our words; the profile keeps the production URL', async () => {
				const url = await activateStop();
				// What the editor sends for "Execute workflow" from this trigger: n8n registers the
				// trigger's test webhook (our create, in manual mode) before it answers.
				const { id, name, nodes, connections, settings } = await n8n().workflow(STOP.id);
				const answer = await n8n().runManually(STOP.id, {
					workflowData: { id, name, nodes, connections, settings, active: false },
					triggerToStartFrom: { name: STOP.trigger },
				});
				expect(answer.text).toMatch(TEST_REFUSAL);
				expect(answer.status).toBeGreaterThanOrEqual(400);
				expect(await registered()).toBe(url);
				await deactivateStop(null);
			}, 180_000);

			test('the 2sms Trigger, activated, fires on its schedule once a STOP reply puts a contact on the stop log', async () => {
				// Activating polls once for the baseline (nothing emitted); the change comes after it.
				await n8n().activateWorkflow(POLL.id);
				// A 200: the first GET may be refused (the simulator's reset revoked n8n's saved token)
				// and retried with a new one; a STOP before the retry would be in the baseline.
				await waitFor('the baseline poll of the stop-log listing', async () =>
					(await stack().sim.requests()).some(
						(entry) => entry.method === 'GET' && entry.path.endsWith('/addressbook/stoplog') && entry.status === 200,
					),
				);
				const before = (await finished(POLL.id)).length;
				const { stopLog } = await sim.twoSmsInbound({ from: '+447700900555', to: '60777', message: 'STOP' });
				expect(stopLog).toMatchObject({ added: true });
				// everyMinute: the next poll is at most a minute away; more budget for a busy machine.
				const [fired] = await waitForExecutions(POLL.id, before + 1, 150_000);
				expect(fired).toMatchObject({ status: 'success', mode: 'trigger' });
				const { data } = await n8n().execution(fired.id);
				expect(data).toContain('+447700900555');
				expect(data).toContain('On the 2sms stop log: listed between');
				await n8n().deactivateWorkflow(POLL.id);
			}, 240_000);

			test('a restart keeps the registration: the profile is not re-pointed and the next STOP still runs', async () => {
				const url = await activateStop();
				await stopRunsThrough(CUSTOMERS[0]);

				await n8n().restart();
				await waitForWebhook();
				// The same secret: n8n read the registration back from the stored static data.
				expect(await registered()).toBe(url);
				expect((await storedRegistration()).secret).toBe(secretOf(url));
				await stopRunsThrough(CUSTOMERS[1]);
				await deactivateStop(null);
			}, 300_000);
		});

		describe('queue mode (Redis, one worker)', () => {
			let redis;
			let worker;
			let main;
			beforeAll(async () => {
				redis = await startRedis({
					dir: path.join(WORK_DIR, 'redis-triggers'),
					onOutput: (text) => logStream().write(text),
				});
				({ worker, main } = await n8n().spawnQueueMode({ redisPort: redis.port }));
				await n8n().ensureOwnerAndLogin();
			}, 300_000);
			afterEach(cleanUp, 60_000);
			afterAll(async () => {
				await n8n().stopAll();
				await redis?.stop();
			}, 60_000);

			test('a STOP runs on the worker, and the secret survives in the stored static data', async () => {
				const url = await activateStop();
				const execution = await stopRunsThrough(CUSTOMERS[2]);
				expect(main.output()).toMatch(new RegExp(`Enqueued execution ${execution.id}\\b`));
				await waitFor(
					`the worker to report execution ${execution.id}`,
					() => new RegExp(`Worker finished execution ${execution.id}\\b`).test(worker.output()),
					{ timeoutMs: 30_000, child: worker },
				);
				// The worker saved the execution's static data back without losing the registration.
				expect((await storedRegistration()).secret).toBe(secretOf(url));
				expect(await registered()).toBe(url);
				await stopRunsThrough(CUSTOMERS[3]);
				await deactivateStop(null);
			}, 240_000);
		});
	});
}

module.exports = { registerTriggerTests };
