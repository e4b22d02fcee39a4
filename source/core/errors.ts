/** Why a request was refused. `not_found`: no such job; `invalid`: bad input; `conflict`: wrong state. */
export type DomainErrorCode = 'not_found' | 'invalid' | 'conflict';

/**
 * A refusal by the domain: the request was understood and is not allowed. Nothing was written.
 * Commands turn it into a message and an exit code (1), never a stack trace.
 */
export class DomainError extends Error {
	override readonly name = 'DomainError';

	readonly code: DomainErrorCode;

	constructor(code: DomainErrorCode, message: string) {
		super(message);
		this.code = code;
	}
}
