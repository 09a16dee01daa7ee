/**
 * The layout rule of docs/architecture.md "Tests": `test/` mirrors the source tree, so every suite
 * names what it tests. A suite for `x/y.ts` is `test/x/y.test.ts`, or sits in a folder `test/x/y/`
 * of several suites when one file would be too long; a suite for a source folder `x/z/` is
 * `test/x/z.test.ts`, or suites in `test/x/z/` named after the files and folders in it. The
 * folders that test no source file of their name follow their own rule (see `subjectProblem`).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** What a repository path is: a file, a folder, or nothing. */
export type PathKind = 'file' | 'folder' | undefined;

/** Looks a path (relative to the repository root, `/`-separated) up. */
export type PathLookup = (path: string) => PathKind;

/** The endings a tested source file can have (`serverless.yml` and the example JSON included). */
const SOURCE_ENDINGS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.yml'];

const SUITE_ENDING = '.test.ts';

function isSourceFile(lookup: PathLookup, pathWithoutEnding: string): boolean {
	return SOURCE_ENDINGS.some((ending) => lookup(pathWithoutEnding + ending) === 'file');
}

/**
 * Why the suite at `suite` (a repository path such as `test/nodes/shared/amounts.test.ts`) names
 * nothing, or undefined when it names its subject:
 * - `test/e2e/`: scenarios run in a real n8n, named for what they run, not for a file;
 * - `test/harness/`, `test/support/`: test infrastructure; a suite names the module beside it;
 * - `test/examples/`: `examples.test.ts` checks the folder, any other suite names one example file;
 * - `test/serverless/`: checks `serverless.yml` (`serverless.test.ts`, `serverless.<part>.test.ts`)
 *   or names the helper module beside it;
 * - everywhere else the mirror of the source tree described above.
 */
export function subjectProblem(suite: string, lookup: PathLookup): string | undefined {
	if (!suite.startsWith('test/') || !suite.endsWith(SUITE_ENDING)) {
		return `${suite}: a suite is a test/**/*${SUITE_ENDING} file`;
	}
	const mirrored = suite.slice('test/'.length, -SUITE_ENDING.length);
	const [top] = mirrored.split('/');
	const name = basename(mirrored);
	const besideIt = `test/${dirname(mirrored)}/${name}`;

	switch (top) {
		case 'e2e':
			return undefined;
		case 'harness':
		case 'support':
			return isSourceFile(lookup, besideIt)
				? undefined
				: `${suite}: a suite of test/${top}/ names the module beside it, and there is no ${besideIt}.ts`;
		case 'examples':
			if (mirrored === 'examples/examples') return undefined;
			return lookup(`${mirrored}.json`) === 'file'
				? undefined
				: `${suite}: a suite of test/examples/ names an example, and there is no ${mirrored}.json`;
		case 'serverless':
			if (
				(name === 'serverless' || name.startsWith('serverless.')) &&
				lookup('serverless.yml') === 'file'
			) {
				return undefined;
			}
			return isSourceFile(lookup, besideIt)
				? undefined
				: `${suite}: a suite of test/serverless/ is serverless[.<part>].test.ts or names the module beside it (${besideIt}.ts)`;
	}

	if (isSourceFile(lookup, mirrored) || lookup(mirrored) === 'folder') return undefined;
	const folder = dirname(mirrored);
	if (folder !== '.' && isSourceFile(lookup, folder)) return undefined;
	return (
		`${suite}: names no source: there is no ${mirrored}.ts (or .json, .yml…), no folder ${mirrored}/` +
		(folder === '.' ? '' : `, and ${folder}/ is not one file's folder of suites (no ${folder}.ts)`)
	);
}

/** Looks paths up under `root` on disk. */
export function diskLookup(root: string): PathLookup {
	return (path) => {
		try {
			const stats = statSync(join(root, path));
			return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : undefined;
		} catch {
			return undefined;
		}
	};
}

/** Every `*.test.ts` under `root/test/`, as `/`-separated repository paths, sorted. */
export function suitesUnder(root: string): string[] {
	const testFolder = join(root, 'test');
	return readdirSync(testFolder, { recursive: true, encoding: 'utf8' })
		.filter((path) => path.endsWith(SUITE_ENDING))
		.map((path) => relative(root, join(testFolder, path)).split(sep).join('/'))
		.sort();
}
