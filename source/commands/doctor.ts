import os from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import which from 'which';
import type {Board} from '../core/index.js';
import type {AgentConfig} from '../config/config.js';
import {agentEnv, agentTokenSource} from '../config/agent-token.js';
import {checkTransports} from './doctor-transports.js';
import type {CommandContext, CommandSpec} from './types.js';

/** How long `<bin> --version` may take, in ms. */
const versionTimeoutMs = 5000;
/** How long the pseudo-terminal probe may take, in ms. */
const ptyTimeoutMs = 5000;

/** `ok` ✓, `warn` ! (worth knowing, nothing needs it), `fail` ✗ (something needed is missing). */
export type Mark = 'ok' | 'warn' | 'fail';

/** What `doctor` found about one agent. Never holds the token itself. */
export type AgentReport = {
	readonly name: string;
	readonly mark: Mark;
	/** First argv element of the agent's command; `null` when a placeholder (`{command}`) gives it. */
	readonly binary: string | null;
	/** Where the binary was found (agent's PATH and cwd), `null` when not found. */
	readonly path: string | null;
	/** First line of `<bin> --version`, `null` when there is none. */
	readonly version: string | null;
	/** `set`, `missing` (a source is configured and fails), `inherited` (`tokenEnv` is in the environment), `none`. */
	readonly token: 'set' | 'missing' | 'inherited' | 'none';
	/** For people: `set (from env:X)`, the reason it is missing, … */
	readonly tokenDetail: string;
	/** Ids of unfinished jobs using the agent (the `shell` agent is always needed). */
	readonly neededBy: readonly string[];
	readonly problems: readonly string[];
};

/** One check of the machine (pseudo-terminals, the terminal, colours). */
export type MachineCheck = {readonly name: string; readonly mark: Mark; readonly detail: string};

/** The whole `doctor` report (`--json`). */
export type DoctorReport = {
	/** False when something needed is missing (the exit code is then 1). */
	readonly ok: boolean;
	readonly agents: readonly AgentReport[];
	readonly machine: readonly MachineCheck[];
};

function firstLine(text: string): string | undefined {
	const line = text.split('\n').find((candidate) => candidate.trim() !== '');
	return line === undefined ? undefined : line.trim().slice(0, 80);
}

async function findBinary(binary: string, agent: AgentConfig, cwd: string): Promise<string | null> {
	// A path is taken relative to the agent's folder, as the run would; a name is searched on its PATH.
	const target = binary.includes('/') ? path.resolve(cwd, binary) : binary;
	return which(target, {path: agent.env['PATH'] ?? process.env['PATH'] ?? '', nothrow: true});
}

async function versionOf(file: string, agent: AgentConfig, cwd: string): Promise<string | null> {
	const result = await execa(file, ['--version'], {
		cwd,
		env: {...process.env, ...agent.env},
		stdin: 'ignore',
		reject: false,
		timeout: versionTimeoutMs,
		forceKillAfterDelay: 1000,
	});
	if (result.timedOut) {
		return `(no answer to --version in ${versionTimeoutMs / 1000} s)`;
	}

	return firstLine(String(result.stdout ?? '')) ?? firstLine(String(result.stderr ?? '')) ?? null;
}

function tokenOf(name: string, agent: AgentConfig, context: CommandContext) {
	const env = process.env;
	const source = agentTokenSource(name, agent, env);
	if (source !== undefined) {
		try {
			agentEnv(name, agent, {env, projectDir: context.projectDir});
			return {token: 'set', tokenDetail: `set (from ${source})`} as const;
		} catch (error) {
			// The agent's name is already in the row; keep the reason.
			const reason = (error as Error).message.replace(/^agent "[^"]*": /, '');
			return {token: 'missing', tokenDetail: `missing: ${reason}`} as const;
		}
	}

	if (agent.tokenEnv && env[agent.tokenEnv]) {
		return {token: 'inherited', tokenDetail: `inherited (${agent.tokenEnv} is set)`} as const;
	}

	return {token: 'none', tokenDetail: agent.tokenEnv ? `none (${agent.tokenEnv} not set)` : '-'} as const;
}

function usersOf(board: Board, name: string): string[] {
	return [...board.jobs.values()]
		.filter((job) => job.agent === name && job.status !== 'done')
		.map((job) => job.id);
}

async function checkAgent(name: string, agent: AgentConfig, context: CommandContext): Promise<AgentReport> {
	const cwd = agent.cwd ? path.resolve(context.projectDir, agent.cwd) : context.projectDir;
	const first = agent.command[0]!;
	const binary = first.includes('{') ? null : first;
	const found = binary === null ? null : await findBinary(binary, agent, cwd);
	const version = found === null ? null : await versionOf(found, agent, cwd);
	const token = tokenOf(name, agent, context);
	const neededBy = usersOf(context.store.getSnapshot().board, name);
	const needed = name === 'shell' || neededBy.length > 0;
	const problems: string[] = [];
	if (binary !== null && found === null) {
		problems.push(`"${binary}" is not on its PATH`);
	}

	if (token.token === 'missing') {
		problems.push(`its token is ${token.tokenDetail}`);
	}

	const mark: Mark = problems.length > 0 ? (needed ? 'fail' : 'warn') : binary === null ? 'warn' : 'ok';
	if (binary === null) {
		problems.push('its program comes from each job (a placeholder), so it cannot be checked');
	}

	return {name, mark, binary, path: found, version, ...token, neededBy, problems};
}

/** Load node-pty and run a short program in a pseudo-terminal: the dashboard's panes need both. */
async function checkPty(): Promise<MachineCheck> {
	try {
		const loaded = await import('node-pty');
		// Node gives a CommonJS module as `default`; some loaders (tsx) spread its exports instead.
		const pty =
			(loaded.default as typeof loaded.default | undefined) ?? (loaded as unknown as typeof loaded.default);
		const child = pty.spawn(process.execPath, ['-e', ''], {cols: 20, rows: 2, cwd: os.tmpdir()});
		const code = await new Promise<number | undefined>((resolve) => {
			const timer = setTimeout(() => {
				child.kill();
				resolve(undefined);
			}, ptyTimeoutMs);
			child.onExit(({exitCode}) => {
				clearTimeout(timer);
				resolve(exitCode);
			});
		});
		return code === 0
			? {name: 'node-pty', mark: 'ok', detail: 'loads and runs a program in a pseudo-terminal'}
			: {name: 'node-pty', mark: 'fail', detail: `loads, but a test program ended with ${String(code)}`};
	} catch (error) {
		return {name: 'node-pty', mark: 'fail', detail: `does not work: ${(error as Error).message}`};
	}
}

function checkTerminal(): MachineCheck[] {
	const out = process.stdout;
	if (!out.isTTY) {
		return [{name: 'terminal', mark: 'warn', detail: 'not a terminal (the dashboard needs one)'}];
	}

	const depth = out.getColorDepth();
	const colours: Record<number, string> = {1: 'none', 4: '16 colours', 8: '256 colours', 24: '24-bit colour'};
	return [
		{name: 'terminal', mark: 'ok', detail: `${out.columns}×${out.rows}`},
		{name: 'colour', mark: depth > 1 ? 'ok' : 'warn', detail: colours[depth] ?? `${depth}-bit`},
	];
}

const symbols: Record<Mark, string> = {ok: '✓', warn: '!', fail: '✗'};

function cut(text: string, width: number): string {
	const chars = [...text];
	return chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : text;
}

function table(rows: ReadonlyArray<readonly string[]>): string[] {
	const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
	return rows.map((row) =>
		row
			.map((cell, column) =>
				column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - [...cell].length),
			)
			.join('  ')
			.trimEnd(),
	);
}

function formatReport(report: DoctorReport): string {
	const agentRows = [
		['  AGENT', 'PROGRAM', 'VERSION', 'TOKEN'],
		...report.agents.map((agent) => [
			`${symbols[agent.mark]} ${agent.name}`,
			agent.path ?? (agent.binary === null ? '(from each job)' : `${agent.binary} (not found)`),
			cut(agent.version ?? '-', 40),
			agent.tokenDetail,
		]),
	];
	const machineRows = report.machine.map((check) => [`${symbols[check.mark]} ${check.name}`, check.detail]);
	const notes = report.agents.flatMap((agent) =>
		agent.problems.map((problem) => {
			const users =
				agent.neededBy.length > 0
					? ` (needed by ${agent.neededBy.length} unfinished job${agent.neededBy.length === 1 ? '' : 's'}: ${agent.neededBy.slice(0, 3).join(', ')}${agent.neededBy.length > 3 ? ', …' : ''})`
					: agent.name === 'shell'
						? ' (needed: jobs added with --command use it)'
						: ' (no unfinished job uses it)';
			return `${symbols[agent.mark]} ${agent.name}: ${problem}${users}`;
		}),
	);
	const marks = [...report.agents, ...report.machine].map((item) => item.mark);
	const failures = marks.filter((mark) => mark === 'fail').length;
	const warnings = marks.filter((mark) => mark === 'warn').length;
	const verdict =
		failures === 0 && warnings === 0
			? 'everything needed is in place'
			: `${failures} problem${failures === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
	return [
		...table(agentRows),
		'',
		...table(machineRows),
		...(notes.length > 0 ? ['', ...notes] : []),
		'',
		verdict,
	].join('\n');
}

/**
 * `doctor`: check each agent's program (on its PATH, its `--version`), its token (never printed),
 * each transport's key, node-pty, and the terminal. Exits 1 when something needed is missing:
 * node-pty, the program or token of the `shell` agent or of an agent an unfinished job uses, or the
 * key of a transport an unfinished author job uses; the others only warn.
 */
export const doctor: CommandSpec = {
	name: 'doctor',
	summary: 'check agents (programs, versions, tokens), transports (keys), node-pty and the terminal',
	examples: ['xsarena doctor', 'xsarena doctor --json'],
	configure() {},
	async run(context, _args, _options) {
		const [agents, pty] = await Promise.all([
			Promise.all(
				Object.entries(context.config.agents).map(async ([name, agent]) => checkAgent(name, agent, context)),
			),
			checkPty(),
		]);
		const transports = checkTransports(context.config.transports, context.store.getSnapshot().board, {
			env: process.env,
			projectDir: context.projectDir,
		});
		const machine = [pty, ...checkTerminal(), ...transports];
		const ok = ![...agents, ...machine].some((item) => item.mark === 'fail');
		const report: DoctorReport = {ok, agents, machine};
		return {data: report, text: formatReport(report), exitCode: ok ? 0 : 1};
	},
};
