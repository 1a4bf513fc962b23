'use strict';
// README screenshots from the running n8n, in headless Chromium (Debian's chromium, driven by
// playwright-core): the canvas of each example and the parameter panel of each of this
// package's nodes in them. A panel that does not render its parameters fails the test.
const fs = require('node:fs');
const path = require('node:path');
const { ensureChromium } = require('../../scripts/n8n/chromium');
const { OWNER } = require('../../scripts/lib/instance');

const SHOTS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];
const PACKAGE_PREFIX = 'n8n-nodes-opentact-2sms.';
// What each of our operations' panel must show once rendered (display names of its parameters).
const EXPECTED_PARAMETERS = {
	disableSms: ['Phone Number', 'Simplify'],
	getMany: ['Return All', 'Number Filter'],
	remove: ['Phone Number', 'Reason', 'Short Code'],
	// Triggers have no operation: keyed by node type.
	'n8n-nodes-opentact-2sms.opentactTrigger': ['Messaging Profile', 'Events'],
	'n8n-nodes-opentact-2sms.twoSmsTrigger': ['Trigger On', 'Include Removals'],
};

const slug = (text) =>
	text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

async function openBrowser() {
	const { chromium } = require('playwright-core');
	const executablePath = ensureChromium();
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		timeout: 60_000,
	});
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		deviceScaleFactor: 1,
	});
	context.setDefaultTimeout(30_000);
	return { browser, context };
}

async function signIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(OWNER.email);
	await page.locator('input[type="password"]').first().fill(OWNER.password);
	await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

/** Closes whatever n8n pops up over the canvas (tours, notices) so it does not cover the shot. */
async function dismissOverlays(page) {
	await page.keyboard.press('Escape').catch(() => {});
	for (const selector of [
		'[data-test-id="close-banner"]',
		'.el-notification__closeBtn',
		'.el-message-box__close',
	]) {
		for (const handle of await page.locator(selector).all())
			await handle.click({ timeout: 2000 }).catch(() => {});
	}
}

/**
 * Takes the screenshots. `examples` come from scripts/n8n/stack.js. Returns the files written.
 * Throws when a canvas or a node panel does not render.
 */
async function takeScreenshots({ baseUrl, examples, outDir = SHOTS_DIR }) {
	fs.mkdirSync(outDir, { recursive: true });
	const written = [];
	const { browser, context } = await openBrowser();
	try {
		const page = await context.newPage();
		await signIn(page, baseUrl);
		for (const example of examples) {
			const name = slug(example.file.replace(/\.json$/, ''));
			await page.goto(`${baseUrl}/workflow/${example.id}`, { waitUntil: 'domcontentloaded' });
			const nodes = page.locator('[data-test-id="canvas-node"]');
			await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
			const count = await nodes.count();
			if (count < example.workflow.nodes.length) {
				throw new Error(
					`${example.file}: the canvas shows ${count} of ${example.workflow.nodes.length} nodes`,
				);
			}
			await dismissOverlays(page);
			await page.waitForTimeout(500); // let the fit-to-view animation settle
			const canvasFile = path.join(outDir, `${name}.png`);
			await page.screenshot({ path: canvasFile });
			written.push(canvasFile);

			for (const node of example.workflow.nodes.filter((entry) =>
				entry.type.startsWith(PACKAGE_PREFIX),
			)) {
				const operation = node.parameters.operation;
				const box = page
					.locator(`[data-test-id="canvas-node"][data-node-name="${node.name}"]`)
					.first();
				await box.dblclick();
				const panel = page.locator('[data-test-id="ndv"]').first();
				await panel.waitFor({ state: 'visible' });
				const parameters = panel.locator('[data-test-id="node-parameters"]').first();
				await parameters.waitFor({ state: 'visible' });
				for (const label of EXPECTED_PARAMETERS[operation ?? node.type] ?? ['Phone Number']) {
					await parameters
						.getByText(label, { exact: true })
						.first()
						.waitFor({ state: 'visible', timeout: 15_000 })
						.catch(() => {
							throw new Error(
								`${example.file}: the panel of "${node.name}" (${node.type}, ${operation}) did not render its "${label}" parameter`,
							);
						});
				}
				// No "unknown node" / "install this node" notice: the package really is loaded.
				if (
					await panel.getByText(/not currently installed|unknown node|Install this node/i).count()
				) {
					throw new Error(`${example.file}: n8n shows "${node.name}" as a node it does not know`);
				}
				await page.waitForTimeout(300);
				const panelFile = path.join(outDir, `${name}--${slug(node.name)}.png`);
				await page.screenshot({ path: panelFile });
				written.push(panelFile);
				await page.keyboard.press('Escape');
				await panel.waitFor({ state: 'hidden' }).catch(() => {});
			}
		}
	} finally {
		await context.close().catch(() => {});
		await browser.close().catch(() => {});
	}
	return written;
}

const NOTICE_TEXT = 'Each number will be sent a confirmation SMS';

/**
 * Issue 15.6: opens the panel of `nodeName` (a 2sms Remove or Add with Send Confirmation on) and
 * says whether the notice is visible, then switches Send Confirmation off in the panel, as a user
 * would, and says whether it still is. Leaves a screenshot of the panel with the notice in outDir.
 */
async function sendConfirmationNotice({ baseUrl, workflowId, nodeName, outDir }) {
	fs.mkdirSync(outDir, { recursive: true });
	const { browser, context } = await openBrowser();
	try {
		const page = await context.newPage();
		await signIn(page, baseUrl);
		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
		const box = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
		await box.waitFor({ state: 'visible', timeout: 60_000 });
		await dismissOverlays(page);
		await box.dblclick();
		const parameters = page.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]').first();
		await parameters.waitFor({ state: 'visible' });
		await parameters.getByText('Send Confirmation', { exact: true }).first().waitFor({ state: 'visible' });
		const notice = parameters.getByText(NOTICE_TEXT).first();
		const whileOn = await notice
			.waitFor({ state: 'visible', timeout: 15_000 })
			.then(() => true)
			.catch(() => false);
		await page.screenshot({ path: path.join(outDir, 'send-confirmation-notice.png') });
		await parameters.locator('[data-test-id="parameter-input-sendConfirmation"] .el-switch').first().click();
		const afterSwitchingOff = await notice
			.waitFor({ state: 'hidden', timeout: 15_000 })
			.then(() => false)
			.catch(() => true);
		return { whileOn, afterSwitchingOff };
	} finally {
		await context.close().catch(() => {});
		await browser.close().catch(() => {});
	}
}

module.exports = { takeScreenshots, sendConfirmationNotice, SHOTS_DIR };
