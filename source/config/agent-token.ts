/**
 * An agent's token: where it comes from (`XSARENA_AGENT_<NAME>_TOKEN`, else the agent's `token:
 * env:NAME` or `file:PATH`), and the environment that hands it to the agent as `tokenEnv`.
 *
 * Errors name the agent and the source, never the secret, so they can be shown and logged.
 */
import type {AgentConfig} from './config.js';
import {readTokenSource, type TokenSourceOptions} from './token-source.js';

/** Where {@link resolveAgentToken} looks: the environment and the project folder (for `file:` paths). */
export type TokenOptions = TokenSourceOptions;

/** The variable that overrides an agent's token source: `XSARENA_AGENT_<NAME>_TOKEN` (`-` becomes `_`). */
export function agentTokenVariable(name: string): string {
	return `XSARENA_AGENT_${name.toUpperCase().replaceAll('-', '_')}_TOKEN`;
}

/**
 * Where an agent's token would come from, for people (`XSARENA_AGENT_CLAUDE_TOKEN`,
 * `env:ANTHROPIC_API_KEY`, `file:~/.tokens/claude`), or `undefined` when it has none.
 */
export function agentTokenSource(
	name: string,
	agent: AgentConfig,
	env: NodeJS.ProcessEnv,
): string | undefined {
	const variable = agentTokenVariable(name);
	return env[variable] ? variable : agent.token;
}

/**
 * The agent's token: `XSARENA_AGENT_<NAME>_TOKEN` when set (it wins), else the agent's `token` source,
 * else `undefined` (the agent authenticates some other way, e.g. its own login).
 *
 * @param name the agent's name in config.
 * @throws Error naming the agent and the source (never the secret) when `env:NAME` is unset or empty,
 * or the `file:` is missing, unreadable, over 64 KiB or empty.
 */
export function resolveAgentToken(
	name: string,
	agent: AgentConfig,
	options: TokenOptions,
): string | undefined {
	const override = options.env[agentTokenVariable(name)];
	if (override) {
		return override;
	}

	const source = agent.token;
	return source === undefined ? undefined : readTokenSource(source, options, `agent "${name}"`);
}

/** What {@link agentEnv} adds to an agent's environment. */
export type AgentEnvironment = {
	/** `agent.env`, plus `tokenEnv=<token>` when the agent has a token. */
	readonly env: Record<string, string>;
	/** Values to mask in output and logs: the token, when there is one. */
	readonly secrets: string[];
};

/**
 * The environment entries to add for an agent's run, and the secrets among them.
 *
 * @throws the errors of {@link resolveAgentToken}; Error when a token is set by
 * `XSARENA_AGENT_<NAME>_TOKEN` but the agent has no `tokenEnv` to hand it over as.
 */
export function agentEnv(name: string, agent: AgentConfig, options: TokenOptions): AgentEnvironment {
	const token = resolveAgentToken(name, agent, options);
	if (token === undefined) {
		return {env: {...agent.env}, secrets: []};
	}

	if (agent.tokenEnv === undefined) {
		throw new Error(
			`agent "${name}": ${agentTokenVariable(name)} is set but the agent has no tokenEnv to pass it as`,
		);
	}

	return {env: {...agent.env, [agent.tokenEnv]: token}, secrets: [token]};
}
