// Stack traces of the bundled Lambda functions, mapped back to the TypeScript sources through the
// bundle's source map, which is read only when a stack trace is first formatted.
//
// Why not NODE_OPTIONS=--enable-source-maps: with it, Node reads and parses the map of the bundle and
// scans the bundle's whole text (to count its lines) while loading it, in every cold start. For our
// 300 KB bundles that was about a sixth of the cold import (docs/benchmarks.md, `bundles`), spent on
// stack traces that a scheduled job only formats when something fails. The same V8 stack-trace API
// and Node's own SourceMap class do the mapping here, on demand, with the same output format.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceOrigin } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';

/** The comment esbuild ends a bundle with: `//# sourceMappingURL=handler.js.map`. */
const SOURCE_MAPPING_URL = /\/\/# sourceMappingURL=(\S+)\s*$/;

/** Source maps by bundle path, parsed on first use; undefined when a file names none. */
const sourceMaps = new Map<string, SourceMap | undefined>();

function readSourceMap(fileName: string): SourceMap | undefined {
	try {
		const url = SOURCE_MAPPING_URL.exec(readFileSync(fileName, 'utf8'))?.[1];
		if (url === undefined || url.startsWith('data:')) return undefined;
		const mapFile = resolve(dirname(fileName), url);
		const payload = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload;
		// Sources are relative to the map (after sourceRoot); a trace shows them as absolute paths.
		const root = resolve(dirname(mapFile), payload.sourceRoot ?? '');
		payload.sources = payload.sources.map((source) => resolve(root, source));
		return new SourceMap(payload);
	} catch {
		// A trace must never fail to format: without a readable map the frame stays as V8 wrote it.
		return undefined;
	}
}

function sourceMapOf(fileName: string | null): SourceMap | undefined {
	// Dependencies outside the bundle (the runtime's AWS SDK) and Node's own modules have no maps.
	if (fileName === null || !isAbsolute(fileName) || fileName.includes('/node_modules/')) {
		return undefined;
	}
	if (!sourceMaps.has(fileName)) sourceMaps.set(fileName, readSourceMap(fileName));
	return sourceMaps.get(fileName);
}

/** Where a position of the bundle comes from; nothing when the map does not cover it. */
function originOf(
	map: SourceMap,
	line: number | null | undefined,
	column: number | null | undefined,
): Partial<SourceOrigin> {
	if (line === null || line === undefined || column === null || column === undefined) return {};
	return map.findOrigin(line, column) as Partial<SourceOrigin>;
}

/** The original name of a frame's function: at its start in the map, else where its caller calls it. */
function originalName(
	map: SourceMap,
	callSite: NodeJS.CallSite,
	caller: NodeJS.CallSite | undefined,
): string | undefined {
	const atStart = originOf(
		map,
		callSite.getEnclosingLineNumber(),
		callSite.getEnclosingColumnNumber(),
	).name;
	if (atStart !== undefined || caller?.getFileName() !== callSite.getFileName()) return atStart;
	return originOf(map, caller?.getLineNumber(), caller?.getColumnNumber()).name;
}

/** One frame as V8 writes it, with the bundle's position and names replaced by the source's. */
function formatFrame(callSite: NodeJS.CallSite, caller: NodeJS.CallSite | undefined): string {
	const map = sourceMapOf(callSite.getFileName());
	const line = callSite.getLineNumber();
	const column = callSite.getColumnNumber();
	if (map === undefined) return String(callSite);
	const origin = originOf(map, line, column);
	if (origin.fileName === undefined) return String(callSite);
	const name =
		originalName(map, callSite, caller) ??
		callSite.getFunctionName() ??
		callSite.getMethodName() ??
		'<anonymous>';
	const typeName = callSite.getTypeName();
	const qualifiedName = typeName !== null && typeName !== 'global' ? `${typeName}.${name}` : name;
	const prefix = callSite.isAsync() ? 'async ' : callSite.isConstructor() ? 'new ' : '';
	return `${prefix}${qualifiedName} (${origin.fileName}:${origin.lineNumber}:${origin.columnNumber})`;
}

/** Formats a stack trace as V8 does, each frame inside a source-mapped bundle mapped to its source. */
export function formatSourceMappedStack(error: Error, callSites: NodeJS.CallSite[]): string {
	let header: string;
	try {
		header = Error.prototype.toString.call(error);
	} catch {
		header = 'Error';
	}
	const frames = callSites.map((callSite, index) => {
		try {
			return `\n    at ${formatFrame(callSite, callSites[index + 1])}`;
		} catch {
			return `\n    at ${String(callSite)}`;
		}
	});
	return header + frames.join('');
}

let installed = false;

/**
 * Maps every stack trace formatted from now on that passes through a source-mapped bundle; other
 * traces go to the formatter that was there before (Node's own, or a test runner's). Nothing to do
 * when Node maps them itself (--enable-source-maps; tsx turns that on for local runs).
 */
export function mapStackTracesToSources(): void {
	if (installed || process.sourceMapsEnabled) return;
	installed = true;
	const previous = Error.prepareStackTrace;
	Error.prepareStackTrace = (error, callSites) =>
		previous === undefined ||
		callSites.some((callSite) => sourceMapOf(callSite.getFileName()) !== undefined)
			? formatSourceMappedStack(error, callSites)
			: previous(error, callSites);
}
