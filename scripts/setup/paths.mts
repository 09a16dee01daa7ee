/** Where the set-up reads and writes: the repository, n8n's lock, the Node 24 it runs on, the cache. */
import { realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in scripts/setup/). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** The lock of the n8n release this package supports. */
export const N8N_LOCK_FOLDER = join(import.meta.dirname, 'n8n');
/** The Node 24 this script runs on; npm, node-gyp and n8n run on it too. */
export const NODE_BINARY = realpathSync(process.execPath);
export const NODE_VERSION = process.versions.node;
/** Where installs are cached, outside the repository. */
export const CACHE_ROOT =
	process.env.N8N_CACHE_DIR ??
	join(
		process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/tmp', '.cache'),
		'n8n-nodes-stripe-connect',
	);
