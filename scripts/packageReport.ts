// Bundle size and cold-start import time of each packaged function, for `npm run bench`:
// `tsx scripts/packageReport.ts [<package folder>]` after `npm run package`, or import the helpers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The files of a zip archive (stored or deflated entries), by path. */
export function readZip(archive: Buffer): Map<string, Buffer> {
	const endOfDirectory = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (endOfDirectory < 0) throw new Error('Not a zip archive.');
	const entryCount = archive.readUInt16LE(endOfDirectory + 10);
	let offset = archive.readUInt32LE(endOfDirectory + 16);
	const files = new Map<string, Buffer>();
	for (let index = 0; index < entryCount; index++) {
		const method = archive.readUInt16LE(offset + 10);
		const compressedSize = archive.readUInt32LE(offset + 20);
		const nameLength = archive.readUInt16LE(offset + 28);
		const extraLength = archive.readUInt16LE(offset + 30);
		const commentLength = archive.readUInt16LE(offset + 32);
		const localHeader = archive.readUInt32LE(offset + 42);
		const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
		const dataStart =
			localHeader +
			30 +
			archive.readUInt16LE(localHeader + 26) +
			archive.readUInt16LE(localHeader + 28);
		const data = archive.subarray(dataStart, dataStart + compressedSize);
		if (!name.endsWith('/'))
			files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}

/** One packaged function's size and load time. */
export interface PackagedFunctionReport {
	name: string;
	zipBytes: number;
	bundleBytes: number;
	sourceMapBytes: number;
	/** Median time to `require` the bundle in a fresh Node process (module-scope setup included). */
	coldImportMs: number;
}

// Placeholder settings so each handler's module-scope configuration succeeds; nothing is called.
const IMPORT_ENVIRONMENT = {
	STRIPE_SECRET_KEY_PARAMETER: '/bench/stripe-secret-key',
	EVENT_BUS_NAME: 'bench-bus',
	AWS_REGION: 'eu-west-1',
	AWS_ACCESS_KEY_ID: 'AKIDBENCH',
	AWS_SECRET_ACCESS_KEY: 'bench-secret',
	POWERTOOLS_LOG_LEVEL: 'SILENT',
	POWERTOOLS_METRICS_DISABLED: 'true',
};

function coldImportMs(bundlePath: string): number {
	// The AWS SDK is not in the bundle (the Lambda runtime provides it): resolve it from node_modules.
	const script =
		'const started = performance.now(); require(process.argv[1]); ' +
		'process.stdout.write(String(performance.now() - started));';
	const output = execFileSync(process.execPath, ['-e', script, bundlePath], {
		env: {
			...process.env,
			...IMPORT_ENVIRONMENT,
			NODE_PATH: join(repositoryRoot, 'node_modules'),
			// The SDK's notice about Node versions is not part of what is measured.
			NODE_NO_WARNINGS: '1',
		},
		encoding: 'utf8',
	});
	return Number(output);
}

/** Measures every `<function>.zip` in a package folder (default `.serverless`). */
export function measurePackagedFunctions(
	packageDirectory = join(repositoryRoot, '.serverless'),
	runs = 5,
): PackagedFunctionReport[] {
	const zips = readdirSync(packageDirectory).filter((file) => file.endsWith('.zip'));
	if (zips.length === 0) {
		throw new Error(`No function zips in ${packageDirectory}; run \`npm run package\` first.`);
	}
	return zips.map((zip) => {
		const archive = readFileSync(join(packageDirectory, zip));
		const files = readZip(archive);
		const extracted = mkdtempSync(join(tmpdir(), 'package-report-'));
		try {
			let bundlePath = '';
			let bundleBytes = 0;
			let sourceMapBytes = 0;
			for (const [path, content] of files) {
				mkdirSync(dirname(join(extracted, path)), { recursive: true });
				writeFileSync(join(extracted, path), content);
				if (path.endsWith('.js')) {
					bundlePath = join(extracted, path);
					bundleBytes += content.length;
				} else if (path.endsWith('.js.map')) {
					sourceMapBytes += content.length;
				}
			}
			const times = Array.from({ length: runs }, () => coldImportMs(bundlePath)).sort(
				(a, b) => a - b,
			);
			return {
				name: zip.replace(/\.zip$/, ''),
				zipBytes: archive.length,
				bundleBytes,
				sourceMapBytes,
				coldImportMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
			};
		} finally {
			rmSync(extracted, { recursive: true, force: true });
		}
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const reports = measurePackagedFunctions(process.argv[2]);
	console.table(
		reports.map((report) => ({
			function: report.name,
			'zip KB': Math.round(report.zipBytes / 1024),
			'bundle KB': Math.round(report.bundleBytes / 1024),
			'source map KB': Math.round(report.sourceMapBytes / 1024),
			'cold import ms (median)': report.coldImportMs,
		})),
	);
}
