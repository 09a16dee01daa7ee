import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { optionsFromArgs } from '../../stripe-sandbox/cli';

describe('CLI', () => {
	it('reads flags with defaults of port 12111 and the demo seed', () => {
		expect(optionsFromArgs([])).toEqual({
			port: 12111,
			seed: 'demo',
			rateLimitPerSecond: undefined,
			latencyMs: undefined,
			now: undefined,
		});
		expect(
			optionsFromArgs(['--port', '0', '--seed', 'empty', '--rate-limit', '25', '--latency', '50']),
		).toMatchObject({ port: 0, seed: 'empty', rateLimitPerSecond: 25, latencyMs: 50 });
		expect(optionsFromArgs(['--eventbridge-endpoint', 'http://127.0.0.1:4010'])).toMatchObject({
			eventBridgeEndpoint: 'http://127.0.0.1:4010',
		});
	});

	it('starts a sandbox, prints how to use it and stops on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'stripe-sandbox/cli.ts', '--port', '0', '--seed', 'empty'],
			{ cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		while (!output.includes('Press Ctrl+C')) {
			if (child.exitCode !== null) throw new Error(`CLI exited early: ${output}`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
		expect(output).toContain('STRIPE_API_BASE=');
		expect(output).toContain('STRIPE_SECRET_KEY=sk_test_');
		const key = /Test secret key: (sk_test_\w+)/.exec(output)?.[1] as string;
		const response = await fetch(`${url}/v1/balance`, {
			headers: { Authorization: `Bearer ${key}` },
		});
		expect(response.status).toBe(200);
		child.kill('SIGTERM');
		const [code] = await once(child, 'exit');
		expect(code).toBe(0);
	});
});
