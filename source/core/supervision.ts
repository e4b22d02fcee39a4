/**
 * The vocabulary of supervision, shared by events, config and the engine: how a job's runs are
 * isolated, restarted (the Ralph loop) and timed out, what a `DONE` file must hold, and what a run
 * is doing now. Schemas are zod so that `config.yml` and event payloads validate the same shapes.
 */
import {z} from 'zod';

/** Where a run works: the project itself, a private folder, or a git worktree on branch `xsarena/<id>`. */
export const isolations = ['shared', 'workspace', 'worktree'] as const;
/** A job's isolation. */
export type Isolation = (typeof isolations)[number];

/**
 * What a `DONE` file must hold for the loop to accept it:
 * `exists` (any content), `summary` (JSON with a non-empty `summary`), `criteria` (`summary`, and every
 * acceptance criterion of the job ticked). See `done-contract.ts` for the exact format.
 */
export const doneContracts = ['exists', 'summary', 'criteria'] as const;
/** A job's done contract. */
export type DoneContract = (typeof doneContracts)[number];

/**
 * What a run is doing, as read from its screen and output activity (ccmanager's approach):
 * `starting` before it settles, `busy` working, `waiting` for a person's input, `idle` at its prompt,
 * `exited` gone.
 */
export const runActivities = ['starting', 'busy', 'waiting', 'idle', 'exited'] as const;
/** One run's activity. */
export type RunActivity = (typeof runActivities)[number];

/**
 * The Ralph loop: restart the agent until it writes an acceptable `DONE` file.
 * Delays are in ms; backoff doubles from `backoffMs` up to `backoffMaxMs` (pvolok/dekit#144).
 */
export const loopSchema = z.strictObject({
	until: z.literal('done-file').default('done-file'),
	/** Restarts after the first run; 0 runs once and then judges the DONE file. */
	maxRestarts: z.number().int().min(0).max(1000).default(5),
	/** Longest one iteration may run before the stop ladder ends it, in ms; none when absent. */
	waitTimeoutMs: z.number().int().positive().optional(),
	/** Delay before the first restart, in ms. */
	backoffMs: z.number().int().min(0).max(3_600_000).default(1000),
	/** Longest delay between restarts, in ms. */
	backoffMaxMs: z.number().int().min(0).max(86_400_000).default(60_000),
	/** Iterations in a row that changed nothing before the job is blocked as `stalled`. */
	maxStalls: z.number().int().min(1).max(100).default(2),
});

/** A validated loop policy. */
export type LoopPolicy = z.infer<typeof loopSchema>;

/**
 * The delay before restart number `restart` (1-based), in ms: `backoffMs · 2^(restart-1)`, capped at
 * `backoffMaxMs`.
 */
export function backoffDelay(
	policy: Pick<LoopPolicy, 'backoffMs' | 'backoffMaxMs'>,
	restart: number,
): number {
	const exponent = Math.max(0, Math.min(restart - 1, 30));
	return Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** exponent);
}
