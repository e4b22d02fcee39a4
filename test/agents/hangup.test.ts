/**
 * When xsarena dies without stopping its runs (kill -9, a crash), its pty masters close and the runs
 * get a hangup, as programs in a closed terminal window do: nothing is left running for ever.
 */
import {execa} from 'execa';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, it} from 'vitest';
import {isGroupAlive, killProcessGroup} from '../../source/agents/process-group.js';
import {waitFor} from '../helpers/wait-for.js';

const ptyModule = fileURLToPath(new URL('../../source/agents/pty-process.ts', import.meta.url));
const groups: number[] = [];

afterEach(async () => {
	for (const pgid of groups.splice(0)) {
		await killProcessGroup(pgid, {graceMs: 100});
	}
});

it(
	'a run outlives nothing: killing its owner with SIGKILL hangs up the run’s whole group',
	{timeout: 20_000},
	async () => {
		const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xsarena-hangup-')), 'owner.mts');
		fs.writeFileSync(
			script,
			[
				`import {spawnPty} from ${JSON.stringify(ptyModule)};`,
				`const run = spawnPty({file: 'bash', args: ['-c', 'sleep 1000 & while :; do sleep 0.1; done'], cwd: '/tmp', env: {...process.env}, cols: 80, rows: 24});`,
				`run.onData(() => {});`,
				`console.log(run.pid);`,
				`setInterval(() => {}, 1000);`,
			].join('\n'),
		);
		const owner = execa(process.execPath, ['--import', 'tsx', script], {reject: false});
		const pgid = await new Promise<number>((resolve) => {
			owner.stdout!.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
		});
		groups.push(pgid);
		await waitFor(() => isGroupAlive(pgid), 5000);

		owner.kill('SIGKILL');
		await owner;

		await waitFor(
			() => !isGroupAlive(pgid),
			5000,
			() => `group ${pgid} still has live members`,
		);
	},
);
