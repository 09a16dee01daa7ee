/**
 * The cached n8n release (on Node 24) that the demo and the end-to-end suite run, and the owner
 * account it starts with.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runEnsureScript } from './ensureScript';

const execFileAsync = promisify(execFile);

/** Where a cached n8n install lives: Node 24 and n8n side by side. */
export interface N8nInstall {
	dir: string;
	nodeBinary: string;
	n8nEntry: string;
}

/** Installs (first time) or finds (afterwards) the cached Node 24 + n8n, via scripts/ensure-n8n.sh. */
export async function ensureN8nInstalled(): Promise<N8nInstall> {
	const dir = await runEnsureScript('ensure-n8n.sh');
	return {
		dir,
		nodeBinary: join(dir, 'node', 'bin', 'node'),
		n8nEntry: join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** The owner account n8n creates at start from its N8N_INSTANCE_OWNER_* variables. */
export interface N8nOwner {
	email: string;
	password: string;
	passwordHash: string;
}

/**
 * Makes an owner with a random password, hashed with the bcrypt implementation n8n itself ships
 * (n8n only accepts a bcrypt hash in N8N_INSTANCE_OWNER_PASSWORD_HASH).
 */
export async function makeOwner(
	install: N8nInstall,
	email = 'owner@example.com',
): Promise<N8nOwner> {
	const password = `Demo-${randomBytes(9).toString('base64url')}1`;
	const { stdout } = await execFileAsync(
		install.nodeBinary,
		['-e', 'process.stdout.write(require("bcryptjs").hashSync(process.argv[1], 10))', password],
		{ cwd: join(install.dir, 'n8n', 'node_modules', 'n8n') },
	);
	return { email, password, passwordHash: stdout.trim() };
}
