// The scanner ships plain ES modules without type declarations; these are the exports we use.
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export function analyzePackage(
		folder: string,
		filePatterns?: string[],
	): Promise<{ passed: boolean; message?: string; details?: string }>;
	export const SOURCE_FILE_PATTERNS: string[];
}
