/**
 * Spending that an agent's CLI prints on its screen ("Tokens: 2.3k sent, 215 received. Cost: $0.01
 * message, $0.05 session." in aider; "Total cost: $0.0123" in Claude Code's `/cost`), read with the
 * agent's `costPattern`: a regular expression with named groups `tokens` and/or `usd` whose values are
 * the run's running totals.
 */

/** A run's totals as its screen shows them. */
export type CostTotals = {readonly tokens: number; readonly usd: number};

/**
 * Parse `12,345`, `2.3k`, `1.2M`, `$0.05` as a number (thousands separators dropped, k/M suffixes
 * applied); `undefined` for anything else.
 */
export function parseAmount(text: string): number | undefined {
	const match = /^\$?\s*([\d,]*\.?\d+)\s*([kKmM]?)$/.exec(text.trim());
	if (!match) {
		return undefined;
	}

	const value = Number(match[1]!.replaceAll(',', ''));
	const scale = {'': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6}[match[2]!] ?? 1;
	return Number.isFinite(value) ? value * scale : undefined;
}

/**
 * The totals shown by the last line of `screen` that `pattern` matches, or `undefined` when none
 * does. A group that is absent or unreadable counts as 0.
 */
export function readCostTotals(screen: string, pattern: RegExp): CostTotals | undefined {
	const flags = pattern.flags.replaceAll(/[gy]/g, '');
	const matcher = new RegExp(pattern.source, flags);
	let found: CostTotals | undefined;
	for (const line of screen.split('\n')) {
		const groups = matcher.exec(line)?.groups;
		if (groups) {
			found = {
				tokens: Math.round(parseAmount(groups['tokens'] ?? '') ?? 0),
				usd: parseAmount(groups['usd'] ?? '') ?? 0,
			};
		}
	}

	return found;
}

/**
 * What to record after seeing `seen` when `reported` was recorded before: the increase of each
 * total, or `undefined` when nothing grew (a total that went down, as after a `/clear`, is a new
 * count starting from there: only growth is recorded).
 */
export function costIncrease(reported: CostTotals, seen: CostTotals): CostTotals | undefined {
	const tokens = Math.max(0, seen.tokens - reported.tokens);
	const usd = Math.max(0, Math.round((seen.usd - reported.usd) * 1e6) / 1e6);
	return tokens > 0 || usd > 0 ? {tokens, usd} : undefined;
}
