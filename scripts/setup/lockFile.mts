/** What a package-lock.json installs: the locked n8n release, the package folders, install progress. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_LOCK_FOLDER } from './paths.mts';

/** The n8n release this package supports (the lock in scripts/setup/n8n pins its whole tree). */
export function lockedN8n(): {
	n8nVersion: string;
	sqlite3Version: string;
	nodeAddonApiVersion: string;
} {
	const lock = readLock(join(N8N_LOCK_FOLDER, 'package-lock.json'));
	const version = (path: string) => {
		const entry = lock.packages[path];
		if (!entry?.version) throw new Error(`scripts/setup/n8n/package-lock.json has no ${path}`);
		return entry.version;
	};
	return {
		n8nVersion: version('node_modules/n8n'),
		sqlite3Version: version('node_modules/sqlite3'),
		nodeAddonApiVersion: version('node_modules/node-addon-api'),
	};
}

export interface LockFile {
	packages: Record<string, { version?: string; optional?: boolean; os?: string[]; cpu?: string[] }>;
}

export function readLock(path: string): LockFile {
	return JSON.parse(readFileSync(path, 'utf8')) as LockFile;
}

/** The package folders a lock installs on this machine (optional ones for other platforms left out). */
export function installablePaths(lock: LockFile, withOptional: boolean): string[] {
	return Object.entries(lock.packages)
		.filter(([path, entry]) => {
			if (path === '' || !path.includes('node_modules/')) return false;
			if (entry.optional && !withOptional) return false;
			if (entry.os && !entry.os.includes(process.platform)) return false;
			if (entry.cpu && !entry.cpu.includes(process.arch)) return false;
			return true;
		})
		.map(([path]) => path);
}

/** Counts how many of a lock's package folders exist yet: the progress of an `npm ci`. */
export function packageCounter(root: string, paths: string[]): () => string {
	const total = paths.length.toLocaleString('en');
	return () => {
		const found = paths.filter((path) => existsSync(join(root, path, 'package.json'))).length;
		return `${found.toLocaleString('en')} of ${total} packages`;
	};
}
