import {Option} from 'commander';
import {
	complexities,
	decideCreate,
	doneContracts,
	fillTemplate,
	isolations,
	jobStatuses,
	loopSchema,
	parseStatus,
	priorities,
	type DoneContract,
	type Isolation,
	type LoopPolicy,
} from '../core/index.js';
import {parseDuration} from '../config/duration.js';
import {newJobId} from '../store/job-store.js';
import {UsageError, type CommandOptions, type CommandSpec} from './types.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function duration(options: CommandOptions, key: string, flag: string): number | undefined {
	const value = options[key] as string | undefined;
	if (value === undefined) {
		return undefined;
	}

	try {
		return parseDuration(value);
	} catch (error) {
		throw new UsageError(`${flag}: ${(error as Error).message}`);
	}
}

/** `--loop <maxRestarts>`: the Ralph loop with the core's defaults for everything else. */
function loop(options: CommandOptions): LoopPolicy | undefined {
	const value = options['loop'] as string | undefined;
	if (value === undefined) {
		return undefined;
	}

	const restarts = /^\d+$/.test(value) ? Number(value) : Number.NaN;
	const parsed = loopSchema.safeParse({maxRestarts: restarts});
	if (!parsed.success) {
		throw new UsageError(`--loop: "${value}" is not a number of restarts (0 to 1000)`);
	}

	return parsed.data;
}

/** The supervision settings of `add`'s options; what is left out comes from the agent's config. */
function supervision(options: CommandOptions) {
	return {
		isolation: options['isolation'] as Isolation | undefined,
		loop: loop(options),
		timeoutMs: duration(options, 'timeout', '--timeout'),
		idleTimeoutMs: duration(options, 'idleTimeout', '--idle-timeout'),
		doneContract: options['doneContract'] as DoneContract | undefined,
	};
}

/** `add <title>`: create a job (status `ready` unless `--status` says otherwise) and print its id. */
export const add: CommandSpec = {
	name: 'add',
	summary: 'add a job to the board and print its id',
	examples: [
		'xsarena add "Fix login" --priority high --depends-on 01JD8Q…',
		'xsarena add "Run the tests" --command "npm test" --accept "all tests pass"',
		'xsarena add "Refactor auth" --agent claude --prompt "Split auth.ts into modules" --loop 3 --timeout 30m',
	],
	configure(command) {
		command
			.argument('<title>', 'what the job is')
			.option('--command <cmd>', 'shell command line to run (agent "shell")')
			.option('--agent <name>', 'agent from config.yml (default: shell)')
			.option('--prompt <text>', 'prompt for the agent')
			.option('--description <text>', 'longer description')
			.addOption(new Option('--priority <level>', 'priority').choices(priorities).default('medium'))
			.addOption(new Option('--complexity <size>', 'expected effort').choices(complexities))
			.option('--depends-on <id>', 'a job that must be done first (repeatable)', collect, [])
			.option('--accept <criterion>', 'an acceptance criterion (repeatable)', collect, [])
			.addOption(new Option('--status <status>', 'column to start in').choices(jobStatuses).default('ready'))
			.addOption(
				new Option('--isolation <mode>', "where runs work (default: the agent's)").choices(isolations),
			)
			.option('--loop <maxRestarts>', 'restart until an acceptable DONE file, at most this many times')
			.option('--timeout <duration>', 'wall-clock limit of one run (ms, or e.g. 30m, 2h)')
			.option('--idle-timeout <duration>', 'longest a run may go without output (e.g. 5m)')
			.addOption(
				new Option('--done-contract <contract>', 'what the DONE file must hold').choices(doneContracts),
			);
	},
	async run(context, [title = ''], options) {
		const agentName = (options['agent'] as string | undefined) ?? 'shell';
		const agent = context.config.agents[agentName];
		if (!agent) {
			throw new UsageError(
				`unknown agent "${agentName}" (configured: ${Object.keys(context.config.agents).join(', ')})`,
			);
		}

		const id = newJobId();
		const request = {
			title,
			description: (options['description'] as string | undefined) ?? '',
			kind: 'agent' as const,
			status: parseStatus(options['status'] as string),
			priority: options['priority'] as (typeof priorities)[number],
			complexity: options['complexity'] as (typeof complexities)[number] | undefined,
			agent: agentName,
			command: options['command'] as string | undefined,
			prompt: options['prompt'] as string | undefined,
			blockedBy: options['dependsOn'] as string[],
			acceptance: options['accept'] as string[],
			...supervision(options),
		};
		const drafts = decideCreate(context.store.getSnapshot().board, request);
		if (request.status === 'ready') {
			// A ready job must be runnable: check its agent's template now, not when it is dispatched.
			fillTemplate(
				agent.command,
				{command: request.command, prompt: request.prompt, title, jobId: id, workspace: ''},
				agentName,
			);
		}

		context.store.append(id, drafts, context.origin);
		context.engine?.poke();
		return {data: {id}, text: id};
	},
};
