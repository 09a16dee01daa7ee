/** Where the repository is and what it publishes, for the scripts that build, run and scan it. */
import { resolve } from 'node:path';

/** The repository root (this file lives in scripts/lib/). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The npm package name, which n8n uses as the prefix of our node types. */
export const PACKAGE_NAME = 'n8n-nodes-stripe-connect';
