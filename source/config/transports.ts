/**
 * The `transports:` section of `config.yml`: how authoring jobs reach a model. Each entry is named and
 * typed (`openai`: an OpenAI-compatible endpoint; `scripted`: the offline writer); `default` names the one
 * new author jobs use. Durations are parsed here, so the rest of the program only sees ms.
 *
 * ```yaml
 * transports:
 *   default: openrouter
 *   openrouter:
 *     type: openai
 *     baseURL: https://openrouter.ai/api/v1
 *     model: anthropic/claude-sonnet-4
 *     token: env:OPENROUTER_API_KEY
 *     timeout: 120s
 *     maxRetries: 4
 *     breaker: {failures: 5, reset: 30s}
 *     price: {inputPerMTok: 3, outputPerMTok: 15}
 *   scripted: {type: scripted, charsPerSecond: 1500}
 * ```
 */
import {z} from 'zod';
import {durationSchema} from './duration.js';
import {readTokenSource, tokenSourcePattern, type TokenSourceOptions} from './token-source.js';
import {once} from './yaml-file.js';

/** The built-in offline transport's name; it always exists and is the default default. */
export const scriptedTransportName = 'scripted';

const breakerSchema = z
	.strictObject({
		/** Consecutive failed completions that open the breaker. */
		failures: z.number().int().min(1).max(1000).default(5),
		/** How long it stays open before a trial request: ms or a duration (`30s`). */
		reset: durationSchema.default(30_000),
	})
	.transform(({failures, reset}) => ({failures, resetMs: reset}));

const defaultBreaker = {failures: 5, reset: 30_000};

const priceSchema = z.strictObject({
	/** USD per million prompt tokens. */
	inputPerMTok: z.number().min(0),
	/** USD per million completion tokens. */
	outputPerMTok: z.number().min(0),
});

/** A transport's price: USD per million tokens, prompt and completion. */
export type TransportPrice = z.output<typeof priceSchema>;

const openAiSchema = z.strictObject({
	type: z.literal('openai'),
	/** Up to and without `/chat/completions`: `https://api.openai.com/v1`, `http://127.0.0.1:8080/v1`. */
	baseURL: z.url({protocol: /^https?$/, error: 'an http:// or https:// URL'}),
	/** Model used when a job names none. */
	model: z.string().min(1).max(200),
	/** Where the key comes from: `env:NAME` or `file:PATH`; absent: no `Authorization` header (local servers). */
	token: z.string().regex(tokenSourcePattern, 'a token source is env:NAME or file:PATH').optional(),
	/** Longest wait for response headers (per attempt) and longest silence within a stream. */
	timeout: durationSchema.default(120_000),
	/** Retries of connection errors, 408, 409, 429 and 5xx, with backoff honouring `Retry-After`. */
	maxRetries: z.number().int().min(0).max(10).default(2),
	/** Longest `Retry-After` waited for; a longer one fails the request at once (the breaker takes over). */
	maxRetryAfter: durationSchema.default(60_000),
	/** Ask for the usage chunk (`stream_options.include_usage`); turn off for servers that refuse it. */
	streamUsage: z.boolean().default(true),
	/** Extra headers on every request (OpenRouter's `HTTP-Referer`, `X-Title`). */
	headers: z.record(z.string(), z.string()).default({}),
	breaker: breakerSchema.prefault(defaultBreaker),
	price: priceSchema.optional(),
});

const scriptedSchema = z.strictObject({
	type: z.literal('scripted'),
	/** Streaming speed; 0 writes at once. */
	charsPerSecond: z.number().min(0).max(10_000_000).default(2000),
	/** Another seed, other text. */
	seed: z.string().max(200).default('xsarena'),
	/** Every n-th call is short (micro-extension runs); 0 = never. */
	shortEvery: z.number().int().min(0).max(1000).default(4),
	/** Every n-th call nearly repeats its anchor (the repetition guard fires); 0 = never. */
	repeatEvery: z.number().int().min(0).max(1000).default(7),
	breaker: breakerSchema.prefault(defaultBreaker),
});

const entrySchema = z.discriminatedUnion('type', [openAiSchema, scriptedSchema]);

const transportName = /^[\w-]+$/;

/**
 * One transport after parsing, with its `name`. `openai`: `baseURL`, `model`, `token?`, `timeoutMs`,
 * `maxRetries`, `maxRetryAfterMs`, `streamUsage`, `headers`, `breaker` (`failures`, `resetMs`), `price?`.
 * `scripted`: `charsPerSecond`, `seed`, `shortEvery`, `repeatEvery`, `breaker`.
 */
export type TransportConfig =
	| ({readonly name: string} & Omit<z.output<typeof openAiSchema>, 'timeout' | 'maxRetryAfter'> & {
				readonly timeoutMs: number;
				readonly maxRetryAfterMs: number;
			})
	| ({readonly name: string} & z.output<typeof scriptedSchema>);

/** The built-in `scripted` entry, used when config has none. */
const builtInScripted: TransportConfig = {
	name: scriptedTransportName,
	...scriptedSchema.parse({type: 'scripted'}, once),
};

function finish(name: string, entry: z.output<typeof entrySchema>): TransportConfig {
	if (entry.type === 'scripted') {
		return {name, ...entry};
	}

	const {timeout, maxRetryAfter, ...rest} = entry;
	return {name, ...rest, timeoutMs: timeout, maxRetryAfterMs: maxRetryAfter};
}

/**
 * The `transports:` section. Absent, it gives just `scripted`. After parsing it maps each name to its
 * {@link TransportConfig}, `scripted` always included, and `default` to the default transport's entry
 * (an alias: its `name` is the real one), so `config.transports[name]` works for every name a job may
 * carry, `default` included. Refused: an unknown `type`, a bad name, `scripted` configured as another
 * type, a `default` that names no transport.
 */
export const transportsSchema = z
	.strictObject({default: z.string().optional()})
	.catchall(entrySchema)
	.superRefine((section, context) => {
		for (const [name, entry] of Object.entries(section)) {
			if (name === 'default') {
				continue;
			}

			if (!transportName.test(name)) {
				context.addIssue({
					code: 'custom',
					path: [name],
					message: 'transport names are letters, digits, - and _',
				});
			}

			if (name === scriptedTransportName && typeof entry === 'object' && entry.type !== 'scripted') {
				context.addIssue({
					code: 'custom',
					path: [name, 'type'],
					message: `the name ${scriptedTransportName} is kept for the offline transport (type: scripted)`,
				});
			}
		}

		const wanted = section.default;
		if (
			wanted !== undefined &&
			wanted !== scriptedTransportName &&
			!(wanted in section && wanted !== 'default')
		) {
			context.addIssue({code: 'custom', path: ['default'], message: `no transport is named "${wanted}"`});
		}
	})
	.transform((section): Readonly<Record<string, TransportConfig>> => {
		const entries: Record<string, TransportConfig> = {[scriptedTransportName]: builtInScripted};
		for (const [name, entry] of Object.entries(section)) {
			if (name !== 'default' && typeof entry === 'object') {
				entries[name] = finish(name, entry);
			}
		}

		const preferred = entries[section.default ?? scriptedTransportName];
		return {...entries, default: preferred ?? builtInScripted};
	})
	.prefault({});

/**
 * Parsed `transports:`: name → {@link TransportConfig}; `default` is the default transport's entry.
 * Iterate with {@link transportEntries} to skip that alias.
 */
export type TransportsConfig = z.output<typeof transportsSchema>;

/** The configured transports, each once (without the `default` alias), `scripted` first. */
export function transportEntries(config: TransportsConfig): TransportConfig[] {
	return Object.entries(config)
		.filter(([key]) => key !== 'default')
		.map(([, entry]) => entry);
}

/** The default transport's name: the configured `default`, else `scripted`. */
export function defaultTransportName(config: TransportsConfig): string {
	return config['default']?.name ?? scriptedTransportName;
}

/**
 * A transport's key, read from its token source (`env:NAME` or `file:PATH`).
 *
 * @param name the transport's name, for errors.
 * @throws Error naming the transport and the source (never the secret) when it cannot be read; see
 * {@link readTokenSource}.
 */
export function resolveTransportToken(source: string, options: TokenSourceOptions, name?: string): string {
	return readTokenSource(source, options, name === undefined ? 'a transport' : `transport "${name}"`);
}

/**
 * What a completion cost in USD: prompt tokens × `inputPerMTok` plus completion tokens × `outputPerMTok`,
 * per million. Estimated token counts give an estimated cost.
 */
export function costOf(
	usage: {readonly promptTokens: number; readonly completionTokens: number},
	price: TransportPrice,
): number {
	return (usage.promptTokens * price.inputPerMTok + usage.completionTokens * price.outputPerMTok) / 1_000_000;
}
