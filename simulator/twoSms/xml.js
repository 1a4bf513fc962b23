'use strict';

const { TWO_SMS_XML_OMITS_NULLS } = require('../assumed');

/**
 * Just enough XML for 2sms's API help (DELETE api/v1/addressbook/stoplog): reading <ArrayOfStopLogMobileRecord> request bodies and
 * writing envelope responses. Not a general XML parser: anything outside that shape is refused.
 */
const RECORD_FIELDS = ['Destination', 'Reason', 'SendConfirmation', 'ShortCode'];
// FACT (2sms's API help): XML responses list ResponseData's children in this order, unlike the JSON sample.
const ELEMENT_ORDER = { ResponseData: ['Result', 'Identification', 'Detail'] };
const ROOT_ATTRIBUTES =
	'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The records of an <ArrayOfStopLogMobileRecord>, in the same shape as the JSON body, or null. */
function parseStopLogRecordsXml(raw) {
	const text = String(raw)
		.replace(/^\uFEFF/, '')
		.replace(/<\?xml[\s\S]*?\?>/, '')
		.replace(/<!--[\s\S]*?-->/g, '')
		.trim();
	const root =
		/^<ArrayOfStopLogMobileRecord(?:\s[^>]*)?(?:\/>|>([\s\S]*)<\/ArrayOfStopLogMobileRecord>)$/.exec(
			text,
		);
	if (!root) return null;
	const records = children(root[1] ?? '', 'StopLogMobileRecord');
	if (!records) return null;
	const parsed = [];
	for (const inner of records) {
		const fields = leafElements(inner);
		if (!fields) return null;
		const record = {};
		for (const name of RECORD_FIELDS) if (name in fields) record[name] = fields[name];
		if (typeof record.SendConfirmation === 'string') {
			const flag = record.SendConfirmation.trim().toLowerCase();
			if (flag !== 'true' && flag !== 'false') return null;
			record.SendConfirmation = flag === 'true';
		}
		parsed.push(record);
	}
	return parsed;
}

/** The inner texts of consecutive <name> elements, or null if anything else stands between them. */
function children(text, name) {
	const pattern = new RegExp(`<${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${name}>)`, 'g');
	const found = [];
	let end = 0;
	for (const match of text.matchAll(pattern)) {
		if (text.slice(end, match.index).trim() !== '') return null;
		found.push(match[1] ?? '');
		end = match.index + match[0].length;
	}
	return text.slice(end).trim() === '' ? found : null;
}

/** name → decoded text of simple elements; xsi:nil="true" reads as null, <X/> as ''. */
function leafElements(text) {
	const pattern = /<([A-Za-z_][\w.-]*)((?:\s[^>]*?)?)(?:\/>|>([^<]*)<\/\1\s*>)/g;
	const fields = {};
	let end = 0;
	for (const match of text.matchAll(pattern)) {
		if (text.slice(end, match.index).trim() !== '') return null;
		const [, name, attributes, content] = match;
		fields[name] = /\bnil\s*=\s*["']true["']/.test(attributes) ? null : decode(content ?? '');
		end = match.index + match[0].length;
	}
	return text.slice(end).trim() === '' ? fields : null;
}

function decode(text) {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code) => {
		if (code[0] === '#') {
			const value =
				code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
			return String.fromCodePoint(value);
		}
		return ENTITIES[code] ?? entity;
	});
}

function escape(text) {
	return String(text).replace(
		/[&<>"']/g,
		(char) => `&${Object.keys(ENTITIES).find((key) => ENTITIES[key] === char)};`,
	);
}

/** An envelope as XML; `items` names the elements of arrays, e.g. {Records: 'StopLogMobileRecordResult'}. */
function toXml(rootName, value, items = {}) {
	return `<${rootName} ${ROOT_ATTRIBUTES}>${content(rootName, value, items)}</${rootName}>`;
}

function element(name, value, items) {
	if (value === null || value === undefined)
		return TWO_SMS_XML_OMITS_NULLS ? '' : `<${name} xsi:nil="true" />`;
	const inner = content(name, value, items);
	return inner === '' ? `<${name} />` : `<${name}>${inner}</${name}>`;
}

function content(name, value, items) {
	if (Array.isArray(value))
		return value.map((item) => element(items[name] ?? 'Item', item, items)).join('');
	if (typeof value === 'object') {
		const order = ELEMENT_ORDER[name] ?? [];
		const keys = [
			...order.filter((key) => key in value),
			...Object.keys(value).filter((key) => !order.includes(key)),
		];
		return keys.map((key) => element(key, value[key], items)).join('');
	}
	return escape(value);
}

module.exports = { parseStopLogRecordsXml, toXml };
