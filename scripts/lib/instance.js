'use strict';
// One real n8n: its own user folder (SQLite, settings, installed community packages), its own
// ports, started and driven the way a person or an operator would: the n8n CLI for imports and
// headless runs, `n8n start` / `n8n worker` for the server, and n8n's REST API for what the
// editor does (owner setup, login, credential Test button).
const fs = require('node:fs');
const path = require('node:path');
const { runtimeEnv, n8nBin, installDir } = require('./runtime');
const { startProcess, runProcess, stopProcess, freePort, waitFor } = require('./processes');

/** A fetch Response as { status, json, text }; `json` is undefined when the body is not JSON. */
async function readAnswer(response) {
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

const OWNER = Object.freeze({
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Opentact-2sms-demo1',
});
// A fixed browser id: n8n ties its auth cookie to the `browser-id` header the login came with.
const BROWSER_ID = 'n8n-nodes-opentact-2sms-acceptance';

class N8nInstance {
	/**
	 * @param {object} options
	 * @param {string} options.version  n8n version (see runtime.js VERSIONS)
	 * @param {string} options.userFolder  N8N_USER_FOLDER (n8n keeps .n8n/ inside it)
	 * @param {number} [options.port]  the main HTTP port (default: a free one)
	 * @param {object} [options.env]  extra environment
	 * @param {(text: string) => void} [options.onOutput]  every line n8n prints (e.g. a log file)
	 */
	constructor({ version, userFolder, port, env = {}, onOutput }) {
		this.version = version;
		this.userFolder = userFolder;
		this.port = port;
		this.extraEnv = env;
		this.onOutput = onOutput;
		this.cookie = '';
		this.children = [];
	}

	get major() {
		return Number(this.version.split('.')[0]);
	}

	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	async init() {
		if (!this.port) this.port = await freePort();
		fs.mkdirSync(path.join(this.userFolder, '.n8n'), { recursive: true });
		return this;
	}

	env(overrides = {}) {
		return {
			...runtimeEnv(this.version),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-opentact-2sms-acceptance-key',
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			NO_COLOR: '1',
			...this.extraEnv,
			...overrides,
		};
	}

	/** `n8n <args>` to completion (imports, execute, publish). Rejects on a non-zero exit. */
	async cli(args, { timeoutMs = 180_000, env, allowFailure = false } = {}) {
		if (!this.brokerPort) this.brokerPort = await freePort();
		const { code, output } = await runProcess(n8nBin(this.version), args, {
			env: this.env(env),
			cwd: installDir(this.version),
			timeoutMs,
			name: `n8n ${args[0]}`,
			onOutput: this.onOutput,
		});
		if (code !== 0 && !allowFailure)
			throw new Error(`n8n ${args.join(' ')} exited ${code}\n${output.slice(-6000)}`);
		return { code, output };
	}

	/** Starts `n8n start` (or `worker`, `webhook`) in the background; `start` waits for /healthz/readiness. */
	async spawn(command = 'start', { env, port, timeoutMs = 180_000 } = {}) {
		this.brokerPort = await freePort();
		const child = startProcess(n8nBin(this.version), [command], {
			env: this.env({ ...(port ? { N8N_PORT: String(port) } : {}), ...env }),
			cwd: installDir(this.version),
			name: `n8n ${command}`,
			onOutput: this.onOutput,
		});
		this.children.push(child);
		if (command === 'start') {
			// /healthz/readiness answers before the REST API and the webhooks of published workflows
			// are registered (1.x); n8n prints the editor's address once both are.
			await waitFor(
				`n8n ${this.version} to serve ${this.url}`,
				async () =>
					/Editor is now accessible via/.test(child.output()) &&
					(await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) })).ok,
				{ timeoutMs, intervalMs: 500, child },
			);
		}
		return child;
	}

	async stopAll() {
		const children = this.children.splice(0);
		await Promise.all(children.map((child) => stopProcess(child, 15_000)));
		this.cookie = '';
	}

	/** A request to n8n's REST API (as the editor makes it), with the login cookie once there is one. */
	async rest(method, route, body, { timeoutMs = 60_000 } = {}) {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie
			.map((line) => line.split(';')[0])
			.find((pair) => pair.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		return await readAnswer(response);
	}

	/** Creates the owner account on a fresh instance (what the first-visit form does), else logs in. */
	async ensureOwnerAndLogin() {
		const setup = await this.rest('POST', '/owner/setup', OWNER);
		if (setup.status === 200) return setup.json?.data;
		// The login body's field for the email has had two names across n8n versions (1.123 already
		// takes emailOrLdapLoginId); try the current one, then the older one.
		let login = await this.rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (login.status !== 200) login = await this.rest('POST', '/login', { email: OWNER.email, password: OWNER.password });
		if (login.status !== 200) {
			throw new Error(
				`owner setup answered ${setup.status} (${setup.text.slice(0, 300)}); login answered ${login.status} (${login.text.slice(0, 300)})`,
			);
		}
		return login.json?.data;
	}

	/** The credential Test button: n8n tests `data` as the credential `id` of `type`. */
	async testCredential({ id, name, type, data }) {
		const answer = await this.rest('POST', '/credentials/test', {
			credentials: { id, name, type, data },
		});
		if (answer.status !== 200)
			throw new Error(`credentials/test answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		return answer.json?.data ?? answer.json;
	}

	/** A workflow as the editor loads it (GET /rest/workflows/:id), static data included. */
	async workflow(id) {
		const answer = await this.rest('GET', `/workflows/${id}`);
		if (answer.status !== 200) throw new Error(`GET workflow ${id} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		return answer.json.data;
	}

	/**
	 * The editor's Active switch (1.x) or Publish button (2.x). n8n 2.x has its own routes for it,
	 * POST /rest/workflows/:id/activate with the version to publish; the 1.x editor saves
	 * `active: true` with PATCH /rest/workflows/:id (1.123 also has the /activate route, which its
	 * editor does not use). n8n 1.x runs the triggers' activation (webhook `create`, a poller's
	 * first poll) before it answers, so a refusal comes back here as the error; 2.41 answers
	 * first and publishes in the background, so a caller waits for the effect it needs.
	 */
	async activateWorkflow(id) {
		const { versionId } = await this.workflow(id);
		const answer =
			this.major >= 2
				? await this.rest('POST', `/workflows/${id}/activate`, { versionId })
				: await this.rest('PATCH', `/workflows/${id}`, { active: true, versionId });
		if (answer.status !== 200) throw new Error(`activating workflow ${id} answered ${answer.status}: ${answer.text.slice(0, 1000)}`);
		const workflow = answer.json.data;
		if (!workflow.active) throw new Error(`workflow ${id} is not active after activating it: ${answer.text.slice(0, 1000)}`);
		return workflow;
	}

	/** The Active switch off (1.x: PATCH active false) or Unpublish (2.x: POST .../deactivate). */
	async deactivateWorkflow(id) {
		const answer =
			this.major >= 2
				? await this.rest('POST', `/workflows/${id}/deactivate`, {})
				: await this.rest('PATCH', `/workflows/${id}`, { active: false, versionId: (await this.workflow(id)).versionId });
		if (answer.status !== 200) throw new Error(`deactivating workflow ${id} answered ${answer.status}: ${answer.text.slice(0, 1000)}`);
		return answer.json.data;
	}

	/** The executions list of one workflow, newest first (the editor's Executions tab). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const answer = await this.rest('GET', `/executions?filter=${filter}&limit=50`);
		if (answer.status !== 200) throw new Error(`GET executions answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		return answer.json.data.results;
	}

	/** One execution with its run data (`data` is n8n's flatted JSON text). */
	async execution(id) {
		const answer = await this.rest('GET', `/executions/${id}`);
		if (answer.status !== 200) throw new Error(`GET execution ${id} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
		return answer.json.data;
	}

	/** The editor's "Execute workflow" / "Listen for test event": POST /rest/workflows/:id/run, answer as is. */
	async runManually(id, body) {
		return await this.rest('POST', `/workflows/${id}/run`, body);
	}

	/**
	 * Queue mode on this user folder: one `n8n worker`, ready, then `n8n start` as the main that
	 * enqueues, both on the Redis at `redisPort`. Returns both children (their output tells which
	 * process ran an execution). `env` goes to both.
	 */
	async spawnQueueMode({ redisPort, env = {}, timeoutMs = 120_000 }) {
		const queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			...env,
		};
		const worker = await this.spawn('worker', { env: { ...queueEnv, QUEUE_HEALTH_CHECK_ACTIVE: 'false' } });
		await waitFor('the worker to be ready', () => /worker is now ready/i.test(worker.output()), {
			timeoutMs,
			child: worker,
		});
		const main = await this.spawn('start', { env: queueEnv });
		return { worker, main };
	}

	/** Stops every n8n process this instance started and starts `n8n start` again on the same user folder, logged in. */
	async restart({ env } = {}) {
		await this.stopAll();
		const child = await this.spawn('start', { env });
		await this.ensureOwnerAndLogin();
		return child;
	}
}

module.exports = { N8nInstance, OWNER, BROWSER_ID, readAnswer };
