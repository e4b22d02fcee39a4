/**
 * S1, the layer part: an agent that prints its environment and argv (`echo-env.sh`) while a secret is in
 * both. With `mask: [secret]`, the secret reaches neither `output.log`, nor the screen, nor the data
 * listeners a pane uses; `****` does. (The engine-level S1 checks, events.jsonl and run.yaml, live with
 * the engine tests.)
 */
import {afterEach, describe, expect, it} from 'vitest';
import {fixture, parsed, Runs, within} from './helpers.js';

const runs = new Runs();

afterEach(async () => {
	await runs.cleanup();
});

describe('secrets in agent output (S1)', () => {
	it('masks a secret from the environment and argv in output.log, on the screen and for listeners', async () => {
		const secret = 'sk-ant-api03-Zq8sEcReT0123456789';
		const other = 'ghp_other-secret-value-42';
		const run = runs.start(fixture('echo-env.sh'), [`--api-key=${secret}`, 'plain', other], {
			// A small environment, so everything printed fits on the 40-row screen.
			env: {PATH: process.env['PATH'] ?? '/usr/bin:/bin', XS_AGENT_TOKEN: secret, XS_OTHER: other},
			rows: 40,
			mask: [secret, other],
		});
		const chunks: string[] = [];
		run.session.onData((data) => chunks.push(data));
		await expect(within(run.session.exited, 5000, 'echo-env.sh')).resolves.toEqual({code: 0, signal: null});
		await parsed(run.session);

		const log = run.log().toString('utf8');
		const screen = run.text();
		const rows = run.session.screen.getRows().join('\n');
		for (const [where, text] of Object.entries({log, screen, rows, listeners: chunks.join('')})) {
			expect(text, where).not.toContain(secret);
			expect(text, where).not.toContain(other);
			// No recognisable piece of it either (a mask that kept a prefix or suffix would leak it).
			expect(text, where).not.toContain('Zq8sEcReT');
		}

		for (const text of [log, screen]) {
			expect(text).toContain('XS_AGENT_TOKEN=****');
			expect(text).toContain('XS_OTHER=****');
			expect(text).toContain('argv[1]=--api-key=****');
			expect(text).toContain('argv[2]=plain');
			expect(text).toContain('argv[3]=****');
		}

		// The byte count reports what was written, masked.
		expect(run.session.bytes).toBe(Buffer.byteLength(log));
	});
});
