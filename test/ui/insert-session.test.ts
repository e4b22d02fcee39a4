import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {encodeKey, forMode} from '../../source/ui/keys/encode-key.js';
import {plainKey} from '../../source/ui/keys/split-input.js';
import {
	createInsertSession,
	defaultEscapeWindow,
	type InsertSessionOptions,
} from '../../source/ui/insert/insert-session.js';
import type {InputModes} from '../../source/ui/ports.js';

const esc = '\u001B';
const ctrlBracket = '\u001D';

function session(fields: Partial<InsertSessionOptions> = {}) {
	const written: string[] = [];
	let left = 0;
	const value = createInsertSession({
		write: (data) => written.push(data),
		leave: () => left++,
		chord: esc,
		instant: [ctrlBracket],
		...fields,
	});
	return {
		session: value,
		written,
		get left() {
			return left;
		},
	};
}

describe('insert session', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('forwards keys as the bytes they came as', () => {
		const s = session();
		for (const raw of [
			'hello',
			'\r',
			'\u007F',
			`${esc}[A`,
			`${esc}[1;5C`,
			'\t',
			'\u0003',
			'\u0004',
			'q',
			`${esc}x`,
		]) {
			expect(s.session.feed(raw)).toBeUndefined();
		}

		expect(s.written).toEqual([
			'hello',
			'\r',
			'\u007F',
			`${esc}[A`,
			`${esc}[1;5C`,
			'\t',
			'\u0003',
			'\u0004',
			'q',
			`${esc}x`,
		]);
		expect(s.left).toBe(0);
	});

	it('holds a lone Esc for the window, then sends it', () => {
		const s = session();
		expect(s.session.feed(esc)).toBeUndefined();
		vi.advanceTimersByTime(defaultEscapeWindow - 1);
		expect(s.written).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(s.written).toEqual([esc]);
		expect(s.left).toBe(0);
	});

	it('leaves on Esc Esc within the window and sends neither', () => {
		const s = session({escapeWindowMs: 100});
		s.session.feed(esc);
		vi.advanceTimersByTime(99);
		expect(s.session.feed(esc)).toBe('');
		expect(s.left).toBe(1);
		vi.advanceTimersByTime(1000);
		expect(s.written).toEqual([]);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('takes two Escapes in one chunk as the chord', () => {
		const s = session();
		expect(s.session.feed(esc + esc)).toBe('');
		expect(s.left).toBe(1);
		expect(s.written).toEqual([]);
	});

	it('sends two Escapes further apart than the window', () => {
		const s = session({escapeWindowMs: 50});
		s.session.feed(esc);
		vi.advanceTimersByTime(60);
		s.session.feed(esc);
		vi.advanceTimersByTime(60);
		expect(s.written).toEqual([esc, esc]);
		expect(s.left).toBe(0);
	});

	it('sends a held Esc before the next key, in order', () => {
		const s = session();
		s.session.feed(esc);
		s.session.feed(':');
		s.session.feed(`${esc}[B`);
		expect(s.written).toEqual([esc, ':', `${esc}[B`]);
		vi.advanceTimersByTime(1000);
		expect(s.written).toHaveLength(3);
	});

	it('leaves at once on Ctrl-], sending what came before it and handing back what came after', () => {
		const s = session();
		expect(s.session.feed(`ab${ctrlBracket}jk`)).toBe('jk');
		expect(s.written).toEqual(['ab']);
		expect(s.left).toBe(1);
		// Once left, bytes are handed back untouched.
		expect(s.session.feed('x')).toBe('x');
		expect(s.written).toEqual(['ab']);
	});

	it('passes a bracketed paste on whole, leave keys inside it included', () => {
		const s = session();
		const chunks = [`${esc}[200~`, `line 1\r${ctrlBracket}line 2`, esc + esc, `${esc}[201~`];
		for (const chunk of chunks) {
			expect(s.session.feed(chunk)).toBeUndefined();
		}

		expect(s.written).toEqual(chunks);
		expect(s.left).toBe(0);
	});

	it("drops the paste markers when the agent's terminal did not ask for them", () => {
		const modes: InputModes = {applicationCursorKeys: false, bracketedPaste: false};
		const s = session({modes: () => modes});
		for (const chunk of [`${esc}[200~`, 'pasted', `${esc}[201~`]) {
			s.session.feed(chunk);
		}

		expect(s.written).toEqual(['pasted']);
	});

	it('sends arrows in the application form when the agent turned it on', () => {
		const modes = {applicationCursorKeys: true, bracketedPaste: true};
		const s = session({modes: () => modes});
		s.session.feed(`${esc}[A`);
		s.session.feed(`${esc}[D`);
		s.session.feed(`${esc}[1;5C`);
		expect(s.written).toEqual([`${esc}OA`, `${esc}OD`, `${esc}[1;5C`]);
	});

	it('drops a held Esc when disposed', () => {
		const s = session();
		s.session.feed(esc);
		s.session.dispose();
		vi.advanceTimersByTime(1000);
		expect(s.written).toEqual([]);
		expect(vi.getTimerCount()).toBe(0);
	});
});

describe('key bytes', () => {
	it('rebuilds bytes from a parsed key when they were not seen', () => {
		expect(encodeKey('', {...plainKey, upArrow: true})).toBe(`${esc}[A`);
		expect(encodeKey('', {...plainKey, return: true})).toBe('\r');
		expect(encodeKey('', {...plainKey, delete: true})).toBe('\u007F');
		expect(encodeKey('c', {...plainKey, ctrl: true})).toBe('\u0003');
		expect(encodeKey(']', {...plainKey, ctrl: true})).toBe(ctrlBracket);
		expect(encodeKey('x', {...plainKey, meta: true})).toBe(`${esc}x`);
		expect(encodeKey('', {...plainKey, tab: true, shift: true})).toBe(`${esc}[Z`);
		expect(encodeKey('hi', plainKey)).toBe('hi');
	});

	it('translates cursor keys only in application mode', () => {
		expect(forMode(`${esc}[H`, {applicationCursorKeys: true, bracketedPaste: false})).toBe(`${esc}OH`);
		expect(forMode(`${esc}[H`, undefined)).toBe(`${esc}[H`);
	});
});
