/**
 * `config.yml`: agents, scheduler, store and UI settings, validated with zod. Unknown keys are refused
 * (a typo should not silently do nothing).
 */
import {z} from 'zod';
import {readYamlFile} from './yaml-file.js';

const agentSchema = z.strictObject({
	/** argv template; `{command}`, `{prompt}`, `{title}`, `{jobId}`, `{workspace}` fill whole elements. */
	command: z.array(z.string()).min(1),
	/** Extra environment for the agent. */
	env: z.record(z.string(), z.string()).default({}),
	/** Run in a pseudo-terminal (needed by full-screen and interactive programs). */
	pty: z.boolean().default(true),
	/** Working folder, relative to the project (the folder holding `.xsarena/`). */
	cwd: z.string().optional(),
	description: z.string().optional(),
});

/** One agent backend from config. */
export type AgentConfig = z.infer<typeof agentSchema>;

const defaultAgents: Record<string, z.input<typeof agentSchema>> = {
	shell: {command: ['bash', '-c', '{command}'], description: 'a shell command line'},
};

/** The whole of `config.yml`, with defaults filled. */
export const configSchema = z.strictObject({
	agents: z
		.record(z.string().regex(/^[\w-]+$/, 'agent names are letters, digits, - and _'), agentSchema)
		.default({})
		.transform((agents) => withDefaults(agents)),
	scheduler: z
		.strictObject({
			/** Most runs at once. */
			concurrency: z.number().int().min(1).max(64).default(2),
		})
		.default({concurrency: 2}),
	store: z
		.strictObject({
			/** `always`: fdatasync every append; `never`: leave it to the OS. */
			fsync: z.enum(['always', 'never']).default('never'),
		})
		.default({fsync: 'never'}),
	ui: z
		.strictObject({
			/** Lines of scrollback kept per pane. */
			scrollback: z.number().int().min(0).max(100_000).default(5000),
			/** Finished panes kept on screen after their run, besides the running ones. */
			keepFinishedPanes: z.number().int().min(0).max(16).default(4),
		})
		.default({scrollback: 5000, keepFinishedPanes: 4}),
});

function withDefaults(agents: Record<string, AgentConfig>): Record<string, AgentConfig> {
	const filled: Record<string, AgentConfig> = {};
	for (const [name, agent] of Object.entries(defaultAgents)) {
		filled[name] = agentSchema.parse(agent);
	}

	return {...filled, ...agents};
}

/** Validated configuration. */
export type Config = z.infer<typeof configSchema>;

/** The configuration used when there is no `config.yml`. */
export const defaultConfig: Config = configSchema.parse({});

/**
 * Load `config.yml`; a missing file gives {@link defaultConfig}.
 *
 * @throws {ConfigError} with `file:line:column` for bad YAML or settings.
 */
export function loadConfig(file: string): Config {
	return readYamlFile(file, configSchema, {});
}
