/**
 * Masking of secrets in agent output before it reaches `output.log` or a pane (S1).
 */

/** What a masked secret is replaced with. */
export const maskText = '****';

/** Secrets shorter than this are not masked: masking `abc` would mangle ordinary output. In characters. */
export const minimumSecretLength = 4;

/**
 * Returns a function that replaces every occurrence of each secret in a chunk of output with `****`.
 * Longer secrets are replaced first, so one that contains another is masked whole.
 *
 * Limitation: a secret split across two chunks (or interrupted by escape sequences) is not masked;
 * pty chunks are up to ~4-64 KiB, so this needs the secret to straddle a read boundary.
 */
export function createMasker(secrets: readonly string[]): (chunk: string) => string {
	const masked = [...new Set(secrets)]
		.filter((secret) => secret.length >= minimumSecretLength)
		.sort((a, b) => b.length - a.length);
	if (masked.length === 0) {
		return (chunk) => chunk;
	}

	return (chunk) => {
		let text = chunk;
		for (const secret of masked) {
			if (text.includes(secret)) {
				text = text.replaceAll(secret, maskText);
			}
		}

		return text;
	};
}
