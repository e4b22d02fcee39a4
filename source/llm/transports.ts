/**
 * The transports of one process, made from config once: each configured name gets one transport behind
 * its own circuit breaker, shared by every job that uses it (so one job's failures hold the others back
 * too, which is the point). `scripted` always exists.
 */
import {
	defaultTransportName,
	resolveTransportToken,
	transportEntries,
	type TransportConfig,
	type TransportsConfig,
} from '../config/transports.js';
import type {TokenSourceOptions} from '../config/token-source.js';
import {withBreaker, type BreakerTransport} from './breaker.js';
import {createOpenAiTransport} from './openai.js';
import {createScriptedTransport} from './scripted.js';
import type {Transport} from './transport.js';

/** Reads a transport's token: `(name, source)` → the secret; throws when it cannot. */
export type TokenResolver = (name: string, source: string) => string;

/** The process's transports. */
export type Transports = {
	/** Name of the transport new author jobs use: the configured `default`, else `scripted`. */
	readonly default: string;
	/** Every configured name, `scripted` included. */
	readonly names: readonly string[];
	/**
	 * The transport of that name (`default` is an alias of the default one), created on first use.
	 *
	 * @throws Error for a name config does not have, or (first use of an `openai` transport) a token
	 * source that cannot be read.
	 */
	get(name: string): BreakerTransport;
	/** Stop every breaker's timers. */
	shutdown(): void;
};

function create(entry: TransportConfig, resolveToken: TokenResolver): Transport {
	switch (entry.type) {
		case 'openai': {
			return createOpenAiTransport({
				name: entry.name,
				baseURL: entry.baseURL,
				apiKey: entry.token === undefined ? undefined : resolveToken(entry.name, entry.token),
				model: entry.model,
				timeoutMs: entry.timeoutMs,
				maxRetries: entry.maxRetries,
				maxRetryAfterMs: entry.maxRetryAfterMs,
				streamUsage: entry.streamUsage,
				headers: entry.headers,
			});
		}

		case 'scripted': {
			return createScriptedTransport(entry);
		}

		default: {
			const unreachable: never = entry;
			return unreachable;
		}
	}
}

/**
 * Make the transports `config` describes. Nothing is read or sent until a transport is first used, so
 * a missing key fails the jobs that need it, not the process.
 *
 * @param tokens where tokens come from: the environment and project folder (for `env:`/`file:` sources),
 * or a function that reads them.
 */
export function createTransports(
	config: TransportsConfig,
	tokens: TokenSourceOptions | TokenResolver,
): Transports {
	const resolveToken: TokenResolver =
		typeof tokens === 'function' ? tokens : (name, source) => resolveTransportToken(source, tokens, name);
	const entries = new Map(transportEntries(config).map((entry) => [entry.name, entry]));
	const made = new Map<string, BreakerTransport>();
	const defaultName = defaultTransportName(config);

	return {
		default: defaultName,
		names: [...entries.keys()],
		get(name) {
			const key = name === 'default' ? defaultName : name;
			const existing = made.get(key);
			if (existing) {
				return existing;
			}

			const entry = entries.get(key);
			if (!entry) {
				throw new Error(`no transport is named "${name}" (configured: ${[...entries.keys()].join(', ')})`);
			}

			const transport = withBreaker(create(entry, resolveToken), entry.breaker);
			made.set(key, transport);
			return transport;
		},
		shutdown() {
			for (const transport of made.values()) {
				transport.shutdown();
			}

			made.clear();
		},
	};
}
