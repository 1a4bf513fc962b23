import { checkBaseUrl } from '../../shared/baseUrl';

/** API roots per environment, including `/rest` (FACT: API-NOTES "Hosts"). */
export const OPENTACT_BASE_URLS = {
	production: 'https://api.opentact.org/rest',
	stage: 'https://api.stage.opentact.org/rest',
} as const;

export type OpentactEnvironment = keyof typeof OPENTACT_BASE_URLS | 'custom';

const checkedCustomUrls = new Map<string, string>();

/**
 * The credential's API root, checked: HTTPS, or plain HTTP only to this machine. Throws an Error
 * whose message tells the user what to fix; callers wrap it in the error type their context needs.
 * Shared by the credential (login, Test button, every request) and the node.
 */
export function resolveOpentactBaseUrl(credentials: { environment?: unknown; baseUrl?: unknown }): string {
	const environment = (credentials.environment ?? 'production') as OpentactEnvironment;
	if (environment === 'custom') {
		// Runs for every request (preAuthentication and authenticate): remember checked answers.
		const key = String(credentials.baseUrl);
		const known = checkedCustomUrls.get(key) ?? checkBaseUrl(credentials.baseUrl, 'Opentact credential: Base URL');
		if (checkedCustomUrls.size > 100) checkedCustomUrls.clear();
		checkedCustomUrls.set(key, known);
		return known;
	}
	const known = OPENTACT_BASE_URLS[environment];
	if (!known) {
		throw new Error(`Opentact credential: unknown environment "${String(environment)}"; choose Production, Stage or Custom`);
	}
	return known;
}

/** The same choice as an n8n expression, for the credential test's `baseURL`. */
export const OPENTACT_BASE_URL_EXPRESSION =
	`={{ $credentials.environment === "custom" ? $credentials.baseUrl : ` +
	`($credentials.environment === "stage" ? "${OPENTACT_BASE_URLS.stage}" : "${OPENTACT_BASE_URLS.production}") }}`;
