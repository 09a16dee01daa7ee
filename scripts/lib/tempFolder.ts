import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PACKAGE_NAME } from './repository';

/** A temp folder that `removeTempFolder` deletes; named so leftovers are recognisable. */
export function makeTempFolder(label: string): string {
	return mkdtempSync(join(tmpdir(), `${PACKAGE_NAME}-${label}-`));
}

/** Removes a folder made by `makeTempFolder`. */
export function removeTempFolder(folder: string): void {
	rmSync(folder, { recursive: true, force: true });
}
