/** Small helpers for telling and describing errors at the file-system boundary. */

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * True for an error from the file system (it or its `cause` carries an errno `code` such as
 * `ENOSPC`), as opposed to a refused event: only those become the store's persistent `error`.
 */
export function isIoError(error: unknown): boolean {
	const hasCode = (value: unknown) => (value as NodeJS.ErrnoException | undefined)?.code !== undefined;
	return hasCode(error) || hasCode((error as Error | undefined)?.cause);
}
