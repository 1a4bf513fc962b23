'use strict';
// Node and credential type registry, loaded the way n8n loads packages: our package (and
// test-only fixture packages) through n8n-core's PackageDirectoryLoader from the files that
// package.json `n8n.nodes` / `n8n.credentials` list, n8n-nodes-base through the lazy loader
// (dist/known/*.json), so a node class is only required when a workflow uses it.
// Workflow JSON names a node type `<package name>.<description.name>`.
const { REPO_ROOT } = require('./env');
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader, LazyPackageDirectoryLoader } = require('n8n-core');
const { NodeHelpers, UserError } = require('n8n-workflow');

const packageDirs = new Map(); // package name -> { dir, lazy }
const loaders = new Map(); // package name -> Promise<DirectoryLoader>

function readPackageJson(dir) {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

/** Make a node package (a directory with a package.json `n8n` section) available. */
function registerPackage(dir, { lazy = false } = {}) {
	const { name } = readPackageJson(dir);
	packageDirs.set(name, { dir, lazy });
	loaders.delete(name);
	return name;
}

const ownPackageName = registerPackage(REPO_ROOT);
registerPackage(path.dirname(require.resolve('n8n-nodes-base/package.json')), { lazy: true });

async function loadPackage(name) {
	const entry = packageDirs.get(name);
	if (!entry) return undefined;
	if (!loaders.has(name)) {
		const promise = (async () => {
			const loader = new (entry.lazy ? LazyPackageDirectoryLoader : PackageDirectoryLoader)(
				entry.dir,
			);
			loader.missingFiles = [];
			if (!entry.lazy) {
				// Load what is built, remember what is not (one node may still be in progress).
				const { n8n = {} } = loader.packageJson;
				const built = (files = []) =>
					files.filter((file) => fs.existsSync(path.join(entry.dir, file)));
				loader.missingFiles = [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])].filter(
					(file) => !fs.existsSync(path.join(entry.dir, file)),
				);
				if (built(n8n.nodes).length + built(n8n.credentials).length === 0) {
					throw new UserError(`Package "${name}" is not built; run \`npm run build\``);
				}
				loader.packageJson = {
					...loader.packageJson,
					n8n: { ...n8n, nodes: built(n8n.nodes), credentials: built(n8n.credentials) },
				};
			}
			await loader.loadAll();
			return loader;
		})();
		promise.catch(() => loaders.delete(name)); // let a later run retry after a build
		loaders.set(name, promise);
	}
	return await loaders.get(name);
}

function splitType(fullType) {
	const dot = fullType.indexOf('.');
	return dot === -1 ? [undefined, fullType] : [fullType.slice(0, dot), fullType.slice(dot + 1)];
}

/**
 * Load everything a workflow needs before the (synchronous) engine asks for it.
 * Returns { nodeTypes, credentialTypes } bound to the loaded packages.
 */
async function prepareTypes(nodeTypeNames) {
	const needed = new Set();
	for (const type of nodeTypeNames) {
		const [pkg, short] = splitType(type);
		if (!packageDirs.has(pkg)) {
			throw new UserError(
				`Unknown node type "${type}": expected "<package>.<node>", package one of ${[...packageDirs.keys()].join(', ')}` +
					(pkg === undefined ? ` (did you mean "${ownPackageName}.${short}"?)` : ''),
			);
		}
		needed.add(pkg);
	}
	const loaded = new Map();
	const failures = [];
	for (const name of packageDirs.keys()) {
		try {
			loaded.set(name, await loadPackage(name));
		} catch (error) {
			// e.g. our own package not built while a workflow only uses other packages
			if (needed.has(name)) throw error;
			failures.push(error.message);
		}
	}
	return {
		nodeTypes: makeNodeTypes(loaded),
		credentialTypes: makeCredentialTypes(loaded, failures),
	};
}

function makeNodeTypes(loaded) {
	const getByName = (fullType) => {
		const [pkg, short] = splitType(fullType);
		const loader = loaded.get(pkg);
		if (!loader) throw new UserError(`Unknown node type "${fullType}"`);
		try {
			return loader.getNode(short).type;
		} catch (error) {
			const missing = loader.missingFiles.length
				? ` (not built: ${loader.missingFiles.join(', ')})`
				: '';
			throw new UserError(`Unknown node type "${fullType}"${missing}`, { cause: error });
		}
	};
	return {
		getByName,
		getByNameAndVersion: (fullType, version) =>
			NodeHelpers.getVersionedNodeType(getByName(fullType), version),
		getKnownTypes: () => ({}),
		/** Credential types' supportedNodes, package-prefixed as n8n does. */
		supportedNodes(credentialName) {
			const result = [];
			for (const [pkg, loader] of loaded) {
				const known = loader.known.credentials[credentialName];
				for (const short of known?.supportedNodes ?? []) result.push(`${pkg}.${short}`);
			}
			return result;
		},
	};
}

function makeCredentialTypes(loaded, failures) {
	const getByName = (name) => {
		for (const loader of loaded.values()) {
			if (name in loader.known.credentials || name in loader.credentialTypes) {
				return loader.getCredential(name).type;
			}
		}
		const notes = [...failures, ...[...loaded.values()].flatMap((l) => l.missingFiles)];
		throw new UserError(
			`Unknown credential type "${name}"${notes.length ? ` (not loaded: ${notes.join('; ')})` : ''}`,
		);
	};
	const getParentTypes = (name) => {
		const parents = getByName(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...getParentTypes(parent)]);
	};
	return { getByName, getParentTypes };
}

module.exports = { registerPackage, prepareTypes, ownPackageName };
