/**
 * Scrolling without garbage. Once a terminal's scrollback is full, xterm recycles its oldest line for
 * every new one (`BufferLine.copyFrom`), and that copy allocates two fresh objects per line (the maps
 * of combined characters and of extended attributes) even when both stay empty, which they are for
 * nearly every line. The recycled line lives in V8's old generation, so the new objects survive young
 * collections and get promoted, only to die when the line is recycled again: under a flood of four
 * panes (~200 k lines/s) that is most of what the dashboard promotes, and old-space garbage is what
 * its RSS is made of (bench/mem-breakdown.mjs).
 *
 * {@link recycleLinesWithoutGarbage} replaces `copyFrom` on xterm's (private) `BufferLine` class with
 * one that keeps the target's own empty maps when the source's are empty too, and otherwise does what
 * xterm does. The class is found through a live line; when it does not have the expected shape (a
 * future xterm), nothing is patched and xterm's own method stays.
 */
import type {Terminal} from '@xterm/headless';

/** The fields of xterm's `BufferLine` that `copyFrom` touches. */
type LineInternals = {
	_data: Uint32Array;
	_combined: Record<number, string>;
	_extendedAttrs: Record<number, unknown>;
	length: number;
	isWrapped: boolean;
	copyFrom(line: LineInternals): void;
};

const patched = Symbol.for('xsarena.recycleLinesWithoutGarbage');

function isEmpty(map: object): boolean {
	for (const _ in map) {
		return false;
	}

	return true;
}

/** `from`'s entries in `into` when both are empty (no allocation), else in a fresh copy, as xterm does. */
function copyMap<T>(from: Record<number, T>, into: Record<number, T>): Record<number, T> {
	if (isEmpty(from) && isEmpty(into)) {
		return into;
	}

	const copy: Record<number, T> = {};
	for (const key in from) {
		copy[key] = from[key]!;
	}

	return copy;
}

/** xterm 6's `BufferLine.copyFrom`, minus the two allocations when the line has no extras. */
function copyFrom(this: LineInternals, line: LineInternals): void {
	if (this.length === line.length) {
		this._data.set(line._data);
	} else {
		this._data = new Uint32Array(line._data);
	}

	this.length = line.length;
	this._combined = copyMap(line._combined, this._combined);
	this._extendedAttrs = copyMap(line._extendedAttrs, this._extendedAttrs);
	this.isWrapped = line.isWrapped;
}

function hasLineShape(line: unknown): line is LineInternals {
	const candidate = line as Partial<LineInternals> | undefined;
	return (
		candidate?._data instanceof Uint32Array &&
		typeof candidate._combined === 'object' &&
		typeof candidate._extendedAttrs === 'object' &&
		typeof candidate.length === 'number' &&
		typeof candidate.isWrapped === 'boolean' &&
		typeof candidate.copyFrom === 'function'
	);
}

/**
 * Patch the `BufferLine` class behind `terminal` (once per class; every terminal of the same xterm
 * shares it). Returns whether the class now recycles lines without garbage (false: an xterm whose
 * lines look different, left alone).
 */
export function recycleLinesWithoutGarbage(terminal: Terminal): boolean {
	// The public line view wraps the internal line as `_line` (xterm 5 and 6).
	const view = terminal.buffer.normal.getLine(0) as {_line?: unknown} | undefined;
	const line = view?._line;
	if (!hasLineShape(line)) {
		return false;
	}

	const prototype = Object.getPrototypeOf(line) as LineInternals & {[patched]?: true};
	if (prototype[patched] !== true) {
		prototype.copyFrom = copyFrom;
		prototype[patched] = true;
	}

	return true;
}
