import {afterEach, describe, expect, it, vi} from 'vitest';

import {cleanup} from 'ink-testing-library';
import type {Key} from 'ink';
import {bindings, findAction, keyBytes, keyLabel} from '../../source/ui/keys/bindings.js';
import {keyHint} from '../../source/ui/keys/key-hint.js';
import {commitTimeout, createKeyQueue} from '../../source/ui/keys/key-queue.js';
import {keySettled, routeInput, routeKey, type KeyLayer} from '../../source/ui/keys/router.js';
import {normalizeKey, plainKey, splitInput} from '../../source/ui/keys/split-input.js';
import {fakeStore, keys, makeJob, makeRun, renderDashboard, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

const noKey: Key = plainKey;

const running = () =>
	makeJob({title: 'Running', status: 'in_flight', runs: [makeRun(1, new Date().toISOString())]});

describe('key table and router', () => {
	it('resolves keys per scope', () => {
		expect(findAction('board', 'j', noKey)).toBe('down');
		expect(findAction('board', '', {...noKey, downArrow: true})).toBe('down');
		expect(findAction('global', 'c', {...noKey, ctrl: true})).toBe('quit');
		expect(findAction('global', 'c', noKey)).toBeUndefined();
		expect(findAction('help', 'q', noKey)).toBe('close');
	});

	it('stops at the first layer that uses the key', () => {
		const calls: string[] = [];
		const layer = (scope: KeyLayer['scope'], uses: boolean): KeyLayer => ({
			scope,
			handle(action) {
				calls.push(`${scope}:${action ?? '-'}`);
				return uses;
			},
		});
		expect(routeKey([layer('board', false), layer('global', true), layer('repl', true)], 'q', noKey)).toBe(
			true,
		);
		expect(calls).toEqual(['board:-', 'global:quit']);
	});

	it('has no key bound twice in one scope', () => {
		const seen = new Set<string>();
		for (const binding of bindings) {
			for (const spec of binding.keys) {
				const id = `${binding.scope}:${JSON.stringify(spec)}`;
				expect(seen.has(id), id).toBe(false);
				seen.add(id);
			}
		}
	});

	it('derives the hint line from the table', () => {
		expect(keyHint('board')).toBe(
			'enter show · d dispatch · x cancel · e edit · E $EDITOR · q quit · ? help · : command · tab next area · s stats',
		);
		// A global key the scope uses itself is not offered: q closes the detail view.
		expect(keyHint('detail')).toBe(
			'pgup scroll · esc close · e edit · E $EDITOR · ctrl+c quit · ? help · : command · tab next area · s stats',
		);
		// A modal's hint has no global keys: they do not apply under it.
		expect(keyHint('insert')).toBe('esc esc leave · ctrl+] leave at once');
	});

	it('names insert mode’s keys: i, a doubled Esc matched on its bytes, and Ctrl-]', () => {
		expect(findAction('panes', 'i', noKey)).toBe('insert');
		const escapeKey = {...noKey, escape: true, meta: true};
		expect(findAction('insert', '', escapeKey, '\u001B\u001B')).toBe('leaveInsert');
		expect(findAction('insert', '', escapeKey, '\u001B')).toBeUndefined();
		// Ink reports Ctrl-] as an empty input; the router names it from its byte.
		const [input, key] = normalizeKey('', noKey, '\u001D');
		expect(findAction('insert', input, key)).toBe('leaveInsertNow');
		expect(keyLabel({name: 'escape', twice: true})).toBe('esc esc');
		expect(keyBytes({input: ']', ctrl: true})).toBe('\u001D');
		expect(keyBytes({input: 'c', ctrl: true})).toBe('\u0003');
	});
});

describe('key queue', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('hands a burst of keys over one commit apart, each to the latest handler', () => {
		vi.useFakeTimers();
		const queue = createKeyQueue();
		const seen: string[] = [];
		queue.committed((input) => {
			seen.push(`first:${input}`);
			return undefined;
		});
		queue.push('a', noKey);
		queue.push('b', noKey);
		queue.push('c', noKey);
		expect(seen).toEqual(['first:a']);
		queue.committed((input) => {
			seen.push(`second:${input}`);
			return undefined;
		});
		vi.advanceTimersByTime(0);
		expect(seen).toEqual(['first:a', 'second:b']);
		// No commit follows 'b' (it changed nothing): 'c' still goes, after the timeout.
		vi.advanceTimersByTime(commitTimeout);
		expect(seen).toEqual(['first:a', 'second:b', 'second:c']);
		vi.advanceTimersByTime(commitTimeout);
		queue.push('d', noKey);
		expect(seen.at(-1)).toBe('second:d');
		queue.dispose();
		expect(vi.getTimerCount()).toBe(0);
	});

	it('hands keys to an immediate handler as they arrive, whole, until one changes the mode', () => {
		vi.useFakeTimers();
		const queue = createKeyQueue();
		const seen: string[] = [];
		queue.committed((_input, _key, raw) => {
			seen.push(raw);
			return raw.includes('\u001D') ? raw.slice(raw.indexOf('\u001D') + 1) : undefined;
		}, true);
		queue.push('a', noKey);
		queue.push('bc\r', noKey);
		queue.push('', {...noKey, upArrow: true}, '\u001B[A');
		expect(seen).toEqual(['a', 'bc\r', '\u001B[A']);
		// The leaving key hands back `jk`: it and later keys wait for the commit of the normal layers.
		queue.push('\u001Djk', noKey);
		queue.push('l', noKey);
		expect(seen).toHaveLength(4);
		const normal: string[] = [];
		queue.committed((input) => {
			normal.push(input);
			return undefined;
		});
		vi.advanceTimersByTime(0);
		expect(normal).toEqual(['jk']);
		vi.advanceTimersByTime(commitTimeout);
		expect(normal).toEqual(['jk', 'l']);
		queue.dispose();
	});

	it('hands the next key over at once after a settled one (a REPL line edit commits nothing)', () => {
		vi.useFakeTimers();
		const queue = createKeyQueue();
		const seen: string[] = [];
		queue.committed((input) => {
			seen.push(input);
			return input === 'x' ? undefined : keySettled;
		});
		queue.push('a', noKey);
		queue.push('b', noKey);
		queue.push('x', noKey);
		queue.push('c', noKey);
		// No commit came: a, b and x went at once; c waits behind x, which may have changed the layers.
		expect(seen).toEqual(['a', 'b', 'x']);
		vi.advanceTimersByTime(commitTimeout);
		expect(seen).toEqual(['a', 'b', 'x', 'c']);
		queue.dispose();
	});
});

describe('splitInput', () => {
	it('splits a chunk into text runs and control keys', () => {
		const keys = splitInput(':list it\r\u007Fq\u0003', noKey);
		expect(keys.map(([input]) => input)).toEqual([':list it', '', '', 'q', 'c']);
		expect(keys.map(([, , raw]) => raw)).toEqual([':list it', '\r', '\u007F', 'q', '\u0003']);
		expect(keys[1]![1].return).toBe(true);
		expect(keys[2]![1].delete).toBe(true);
		expect(keys[4]![1].ctrl).toBe(true);
	});

	it('leaves single keys and escape sequences alone', () => {
		expect(splitInput('j', noKey)).toEqual([['j', noKey, 'j']]);
		const up = {...noKey, upArrow: true};
		expect(splitInput('', up, '\u001B[A')).toEqual([['', up, '\u001B[A']]);
	});

	it('gives a run of text to a layer that takes text, and one character at a time to others', () => {
		const seen: string[] = [];
		const layer = (takesText: boolean): KeyLayer => ({
			scope: 'board',
			takesText,
			handle(_action, input) {
				seen.push(input);
				return true;
			},
		});
		expect(routeInput([layer(true)], 'paste', noKey)).toBeUndefined();
		expect(routeInput([layer(false)], ':ls', noKey)).toBe('ls');
		expect(seen).toEqual(['paste', ':']);
	});

	it('passes on a layer saying a key settled, and drops paste markers as settled', () => {
		const layer: KeyLayer = {scope: 'repl', takesText: true, handle: () => keySettled};
		expect(routeInput([layer], 'abc', noKey)).toBe(keySettled);
		expect(routeKey([layer], 'a', noKey)).toBe(keySettled);
		expect(routeInput([layer], '', noKey, '\u001B[200~')).toBe(keySettled);
	});
});

describe('help overlay', () => {
	it('opens with ?, lists every binding of the table, and closes with ?, Esc or q', async () => {
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({onQuit: () => quits++}, 160, 48);
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		for (const close of ['?', keys.escape, 'q']) {
			stdin.write('?');
			await waitFor(() => expect(lastFrame()).toContain('? or esc to close'));
			let text = lastFrame()!;
			const pages = Number(/page 1\/(\d+)/.exec(text)?.[1] ?? 1);
			for (let page = 2; page <= pages; page++) {
				stdin.write(' ');
				await waitFor(() => expect(lastFrame()).toContain(`page ${page}/${pages}`));
				text += lastFrame()!;
			}

			for (const binding of bindings) {
				expect(text).toContain(binding.description);
			}

			expect(text).toContain('q ctrl+c');
			expect(text).toContain('← h');
			expect(text).toContain('1–9');
			stdin.write(close);
			await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		}

		expect(quits).toBe(0);
	});

	it('pages on a small terminal with PgDn/space and PgUp, and opens on its first page again', async () => {
		const {stdin, lastFrame} = renderDashboard({}, 80, 24);
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write('?');
		await waitFor(() => expect(lastFrame()).toMatch(/keys \(page 1\/\d+: pgdn\/space more/));
		expect(lastFrame()).toContain('quit (asks if runs are active)');
		stdin.write('\u001B[6~');
		await waitFor(() => expect(lastFrame()).toMatch(/page 2\//));
		expect(lastFrame()).not.toContain('quit (asks if runs are active)');
		stdin.write('\u001B[5~');
		await waitFor(() => expect(lastFrame()).toMatch(/page 1\//));
		stdin.write('j');
		await waitFor(() => expect(lastFrame()).toMatch(/page 2\//));
		stdin.write(keys.escape);
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write('?');
		await waitFor(() => expect(lastFrame()).toMatch(/page 1\//));
	});
});

describe('quitting', () => {
	it('quits at once on q when nothing runs', async () => {
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({onQuit: () => quits++});
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write('q');
		await waitFor(() => expect(quits).toBe(1));
	});

	it('quits on Ctrl-C from the board', async () => {
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({onQuit: () => quits++});
		await waitFor(() => expect(lastFrame()).toContain('inbox (0)'));
		stdin.write(keys.ctrlC);
		await waitFor(() => expect(quits).toBe(1));
	});

	it('asks first while runs are active; n stays, y quits', async () => {
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({store: fakeStore([running()]), onQuit: () => quits++});
		await waitFor(() => expect(lastFrame()).toContain('in_flight (1)'));
		stdin.write('q');
		await waitFor(() => expect(lastFrame()).toContain('1 run active — quit and stop them? (y/n)'));
		// Other keys do nothing while the question is open.
		stdin.write('d');
		stdin.write('n');
		await waitFor(() => expect(lastFrame()).toContain('runs 1/4'));
		expect(lastFrame()).not.toContain('quit and stop them');
		expect(quits).toBe(0);

		stdin.write('q');
		await waitFor(() => expect(lastFrame()).toContain('quit and stop them?'));
		stdin.write('y');
		await waitFor(() => expect(quits).toBe(1));
	});
});

describe('small terminals', () => {
	it('shows only a message below 80×24, and q still quits', async () => {
		let quits = 0;
		const {stdin, lastFrame} = renderDashboard({onQuit: () => quits++}, 70, 20);
		await waitFor(() => expect(lastFrame()).toContain('terminal too small (70×20, need 80×24)'));
		expect(lastFrame()).not.toContain('inbox');
		stdin.write('q');
		await waitFor(() => expect(quits).toBe(1));
	});
});
