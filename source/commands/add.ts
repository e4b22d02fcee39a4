import {Option} from 'commander';
import {
	complexities,
	decideCreate,
	fillTemplate,
	jobStatuses,
	parseStatus,
	priorities,
} from '../core/index.js';
import {newJobId} from '../store/job-store.js';
import {UsageError, type CommandSpec} from './types.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `add <title>`: create a job (status `ready` unless `--status` says otherwise) and print its id. */
export const add: CommandSpec = {
	name: 'add',
	summary: 'add a job to the board and print its id',
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
			.addOption(new Option('--status <status>', 'column to start in').choices(jobStatuses).default('ready'));
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
