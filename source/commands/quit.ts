import type {CommandSpec} from './types.js';

/** `quit`: leave the dashboard (REPL only). */
export const quit: CommandSpec = {
	name: 'quit',
	aliases: ['exit', 'q'],
	summary: 'leave the dashboard (running jobs are stopped and re-queued)',
	examples: ['quit'],
	only: 'repl',
	configure() {},
	async run() {
		return {data: {quit: true}, text: '', quit: true};
	},
};
