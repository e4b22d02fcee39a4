/**
 * `config.yml`: agents, hooks, notifications, scheduler, store and UI settings, validated with zod.
 * Unknown keys are refused (a typo should not silently do nothing); regular expressions and durations
 * are checked at load, so a bad one is a `ConfigError` with `file:line:column`, not a surprise at run time.
 */
import {z} from 'zod';
import {defaultWarnAt} from '../core/budget.js';
import {parseQuietWindow, type QuietWindow} from '../core/quiet-hours.js';
import {defaultAgingMs} from '../core/scheduler.js';
import {doneContracts, isolations, loopSchema, runActivities} from '../core/supervision.js';
import {themeSettings} from '../ui/color/choose-theme.js';
import {applyKeyOverrides} from '../ui/keys/keymap.js';
import {authoringSchema} from './authoring.js';
import {durationSchema} from './duration.js';
import {tokenSourcePattern} from './token-source.js';
import {transportsSchema} from './transports.js';
import {once, readYamlFile} from './yaml-file.js';

/** A quiet-hours window as text, parsed at load so a bad one names its place in the file. */
const quietWindowSchema = z.string().transform((text, context): QuietWindow => {
	try {
		return parseQuietWindow(text);
	} catch (error) {
		context.addIssue({code: 'custom', message: (error as Error).message});
		return z.NEVER;
	}
});

/**
 * Flags every agent pattern is compiled with: case-insensitive (agents change capitalisation between
 * versions) and multi-line (`^`/`$` match at each row of the screen text, rows joined by `\n`).
 * The engine must compile with {@link compileAgentPattern} so the presets mean what they say.
 */
export const agentPatternFlags = 'im';

/**
 * Compile one of an agent's `…Pattern` settings the way the config validated it.
 *
 * @throws SyntaxError for an invalid expression (cannot happen for a loaded config).
 */
export function compileAgentPattern(source: string): RegExp {
	return new RegExp(source, agentPatternFlags);
}

const pattern = z
	.string()
	.min(1)
	.superRefine((source, context) => {
		try {
			compileAgentPattern(source);
		} catch (error) {
			context.addIssue({
				code: 'custom',
				message: `not a valid regular expression: ${(error as Error).message}`,
			});
		}
	});

const environmentName = z
	.string()
	.regex(/^[A-Za-z_]\w*$/, 'an environment variable name: letters, digits and _');

const agentFields = z.strictObject({
	/** argv template; `{command}`, `{prompt}`, `{title}`, `{jobId}`, `{workspace}` fill whole elements. */
	command: z.array(z.string()).min(1),
	/** argv template used instead of `command` to resume an interrupted run (e.g. `[claude, --continue]`). */
	resume: z.array(z.string()).min(1).optional(),
	/** Extra environment for the agent. */
	env: z.record(z.string(), z.string()).default({}),
	/** Where the agent's token comes from: `env:NAME` or `file:PATH` (relative to the project, `~` expanded). */
	token: z.string().regex(tokenSourcePattern, 'a token source is env:NAME or file:PATH').optional(),
	/** The environment variable the token is handed to the agent as (e.g. `ANTHROPIC_API_KEY`). */
	tokenEnv: environmentName.optional(),
	/** Run in a pseudo-terminal (needed by full-screen and interactive programs). */
	pty: z.boolean().default(true),
	/** Working folder, relative to the project (the folder holding `.xsarena/`). */
	cwd: z.string().optional(),
	description: z.string().optional(),
	/** The agent sits at its prompt, ready for input. */
	readyPattern: pattern.optional(),
	/** The agent is working (e.g. Claude Code's "esc to interrupt"). */
	busyPattern: pattern.optional(),
	/** The agent asks a person something (a permission prompt). */
	waitingPattern: pattern.optional(),
	/** The agent hit its usage limit; the engine reads the reset time from the matching text. */
	usageLimitPattern: pattern.optional(),
	/**
	 * The line where the agent's CLI shows what the run spent so far, with named groups `tokens`
	 * and/or `usd` (`Cost: \$(?<usd>[\d.]+) session`); each increase becomes a `job.cost` event.
	 */
	costPattern: pattern
		.refine(
			(source) => /\(\?<(?:tokens|usd)>/.test(source),
			'a cost pattern needs a group (?<tokens>…) or (?<usd>…)',
		)
		.optional(),
	isolation: z.enum(isolations).default('shared'),
	loop: loopSchema.optional(),
	/** Wall-clock limit of one run: ms or a duration string (`30m`). */
	timeout: durationSchema.optional(),
	/** Longest a run may go without output: ms or a duration string (`5m`). */
	idleTimeout: durationSchema.optional(),
	doneContract: z.enum(doneContracts).default('summary'),
});

const agentSchema = agentFields
	.refine((agent) => agent.token === undefined || agent.tokenEnv !== undefined, {
		message:
			'tokenEnv is required with token: the environment variable the agent reads it from (e.g. ANTHROPIC_API_KEY)',
		path: ['token'],
	})
	// Durations are parsed once here, so the rest of the program only ever sees ms.
	.transform(({timeout, idleTimeout, ...agent}) => ({
		...agent,
		timeoutMs: timeout,
		idleTimeoutMs: idleTimeout,
	}));

/**
 * One agent backend from config, after parsing: `command`, `resume?`, `env`, `token?`, `tokenEnv?`,
 * `pty`, `cwd?`, `description?`, `readyPattern?`, `busyPattern?`, `waitingPattern?`,
 * `usageLimitPattern?` (regular expression sources, see {@link compileAgentPattern}), `isolation`,
 * `loop?`, `timeoutMs?` and `idleTimeoutMs?` (ms), `doneContract`.
 */
export type AgentConfig = z.output<typeof agentSchema>;

const defaultAgents: Record<string, z.input<typeof agentSchema>> = {
	shell: {command: ['bash', '-c', '{command}'], description: 'a shell command line'},
};

const hooksSchema = z.strictObject({
	/**
	 * Run when a run's activity changes: a string goes through `sh -c`, an array is argv. The engine
	 * passes the job, run and states in `XSARENA_*` environment variables.
	 */
	onStateChange: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
});

const notifySchema = z.strictObject({
	/** Ring the terminal bell. */
	bell: z.boolean().default(false),
	/** Show a desktop notification. */
	desktop: z.boolean().default(false),
	/** The run activities that notify. */
	states: z.array(z.enum(runActivities)).default(['waiting', 'exited']),
});

/** The whole of `config.yml`, with defaults filled. */
export const configSchema = z.strictObject({
	agents: z
		.record(z.string().regex(/^[\w-]+$/, 'agent names are letters, digits, - and _'), agentSchema)
		.default({})
		.transform((agents) => withDefaults(agents)),
	hooks: hooksSchema.default({}),
	notify: notifySchema.default({bell: false, desktop: false, states: ['waiting', 'exited']}),
	scheduler: z
		.strictObject({
			/** Most runs at once. */
			concurrency: z.number().int().min(1).max(64).default(2),
			/** Grace between SIGTERM and SIGKILL when a run is stopped: ms or a duration string. */
			graceMs: durationSchema.default(5000),
			/** Most runs at once per agent (`claude: 2`), within `concurrency`. */
			perAgent: z.record(z.string(), z.number().int().min(0).max(64)).default({}),
			/** Windows of local time when no run starts (`"22:00-07:00"`, `"sat,sun 00:00-24:00"`). */
			quietHours: z.array(quietWindowSchema).max(100).default([]),
			/**
			 * What runs going on when quiet hours begin do: `finish`, or `pause` (stopped and re-queued,
			 * then started again with the agent's resume form when quiet hours end).
			 */
			quietHoursRunning: z.enum(['finish', 'pause']).default('finish'),
			/** A ready job gains one priority level per this much waiting (so none starves): ms or a duration. */
			aging: durationSchema.default(defaultAgingMs),
		})
		.default({
			concurrency: 2,
			graceMs: 5000,
			perAgent: {},
			quietHours: [],
			quietHoursRunning: 'finish',
			aging: defaultAgingMs,
		}),
	/** Spending limits: the board's, and each job's by default. At the limit no run starts. */
	budget: z
		.strictObject({
			tokens: z.number().int().positive().optional(),
			usd: z.number().positive().optional(),
			/** Fraction of a limit at which the status bar warns. */
			warnAt: z.number().gt(0).max(1).default(defaultWarnAt),
			perJob: z
				.strictObject({
					tokens: z.number().int().positive().optional(),
					usd: z.number().positive().optional(),
				})
				.optional(),
		})
		.optional(),
	store: z
		.strictObject({
			/**
			 * When appends reach the disk (`docs/durability.md`): `always` fdatasyncs inside every append
			 * (slow); `batch` fdatasyncs each group of appends within ~5 ms (a power loss may lose the
			 * last few ms); `never` leaves it to the OS (a power loss may lose seconds). A crash of the
			 * process loses nothing in any mode.
			 */
			fsync: z.enum(['always', 'batch', 'never']).default('batch'),
			/**
			 * How other processes' appends are noticed: `events` (inotify through chokidar, with a 1 s
			 * backstop poll) or `poll` (every 250 ms: for network filesystems, where no events arrive).
			 */
			watch: z.enum(['events', 'poll']).default('events'),
			/** Age after which `gc` removes finished runs' output logs (a duration). */
			retention: z
				.string()
				.regex(/^\d+\s*[a-z]+$/i, 'a duration such as 30d or 12h')
				.default('30d'),
		})
		.default({fsync: 'batch', watch: 'events', retention: '30d'}),
	/** Chat endpoints of author jobs; `scripted` (offline) always exists and is the default. */
	transports: transportsSchema,
	/** Presets and settings of author jobs (`book`). */
	authoring: authoringSchema.prefault({}),
	ui: z
		.strictObject({
			/** Lines of scrollback kept per pane. */
			scrollback: z.number().int().min(0).max(100_000).default(5000),
			/** Finished panes kept on screen after their run, besides the running ones. */
			keepFinishedPanes: z.number().int().min(0).max(16).default(4),
			/**
			 * Where the board goes: `stacked` above the panes, `side` on their left (full height), or
			 * `auto`: beside them on terminals at least 200 columns wide.
			 */
			layout: z.enum(['auto', 'stacked', 'side']).default('auto'),
			/** How panes share the grid: `grid` (equal tiles) or `focus` (the focused pane gets ~60 %). */
			panes: z.enum(['grid', 'focus']).default('grid'),
			/** Clicks select cards and focus panes, the wheel scrolls; `false` leaves the mouse to the terminal. */
			mouse: z.boolean().default(true),
		})
		.default({scrollback: 5000, keepFinishedPanes: 4, layout: 'auto', panes: 'grid', mouse: true}),
	/**
	 * The dashboard's palette: `dark`, `light` (for light backgrounds), or `auto` (light when
	 * `COLORFGBG` names a light background, else dark). `NO_COLOR` and `--no-color` still win.
	 */
	theme: z.enum(themeSettings).default('auto'),
	/**
	 * Rebound keys: an action (`dispatch: D`, everywhere it is bound) or `scope.action`
	 * (`panes.zoom: Z`) → a key or a list of keys (`[]` unbinds). Unknown actions, keys that are not
	 * keys and two actions on one key are refused with their place in the file.
	 */
	keys: z
		.record(z.string(), z.union([z.string(), z.array(z.string()).max(20)]))
		.default({})
		.superRefine((overrides, context) => {
			for (const problem of applyKeyOverrides(overrides).problems) {
				context.addIssue({
					code: 'custom',
					path: problem.index === undefined ? [problem.setting] : [problem.setting, problem.index],
					message: problem.message,
				});
			}
		}),
});

function withDefaults(agents: Record<string, AgentConfig>): Record<string, AgentConfig> {
	const filled: Record<string, AgentConfig> = {};
	for (const [name, agent] of Object.entries(defaultAgents)) {
		filled[name] = agentSchema.parse(agent, once);
	}

	return {...filled, ...agents};
}

/**
 * Validated configuration: `agents` (name → {@link AgentConfig}, `shell` always present), `hooks`
 * (`onStateChange?`), `notify` (`bell`, `desktop`, `states`), `scheduler` (`concurrency`, `graceMs`
 * in ms), `store` (`fsync`), `ui` (`scrollback`, `keepFinishedPanes`, `layout`, `panes`, `mouse`), `keys` (rebound keys, as written).
 */
export type Config = z.output<typeof configSchema>;

/** The configuration used when there is no `config.yml`. */
export const defaultConfig: Config = configSchema.parse({}, once);

/**
 * Load `config.yml`; a missing file gives {@link defaultConfig}.
 *
 * @throws {ConfigError} with `file:line:column` for bad YAML or settings (an invalid pattern or
 * duration, `token` without `tokenEnv`, an unknown key).
 */
export function loadConfig(file: string): Config {
	return readYamlFile(file, configSchema, {});
}
