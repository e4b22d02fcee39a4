/**
 * The REPL's external store (typing commits nothing: only the line's listeners hear of it) and the line
 * as the pane surface draws it.
 */
import {describe, expect, it} from 'vitest';
import {lineContent, lineRow} from '../../source/ui/repl/line-row.js';
import {createReplStore} from '../../source/ui/repl/repl-store.js';

const reset = '\u001B[0m';
const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;

function listen(subscribe: (listener: () => void) => () => void) {
	const heard = {count: 0};
	subscribe(() => heard.count++);
	return heard;
}

describe('REPL store', () => {
	it('tells only the line listeners of an edit, and keeps the view as it was', () => {
		const store = createReplStore();
		const view = store.getView();
		const viewHeard = listen(store.subscribe);
		const lineHeard = listen(store.line.subscribe);
		store.dispatch({type: 'edit', edit: {type: 'insert', text: 'ls'}});
		store.dispatch({type: 'edit', edit: {type: 'move', to: 'left'}});
		expect(store.line.get()).toEqual({text: 'ls', cursor: 1});
		expect(store.getState().input).toBe(store.line.get());
		expect(lineHeard.count).toBe(2);
		expect(viewHeard.count).toBe(0);
		expect(store.getView()).toBe(view);
	});

	it('tells nobody of an edit that changes nothing', () => {
		const store = createReplStore();
		const lineHeard = listen(store.line.subscribe);
		store.dispatch({type: 'edit', edit: {type: 'erase'}});
		expect(lineHeard.count).toBe(0);
	});

	it('tells both of a typed command (the view changes and the line is cleared), and history brings it back', () => {
		const store = createReplStore();
		store.dispatch({type: 'edit', edit: {type: 'insert', text: 'status'}});
		const viewHeard = listen(store.subscribe);
		const lineHeard = listen(store.line.subscribe);
		store.dispatch({type: 'started', line: 'status', typed: true});
		expect(viewHeard.count).toBe(1);
		expect(lineHeard.count).toBe(1);
		expect(store.line.get().text).toBe('');
		expect(store.getView().history).toEqual(['status']);
		expect(store.getView().pending).toBe(1);
		store.dispatch({type: 'history', delta: -1});
		expect(store.line.get()).toEqual({text: 'status', cursor: 6});
		expect(viewHeard.count).toBe(2);
	});

	it('tells only the view listeners of output', () => {
		const store = createReplStore();
		const lineHeard = listen(store.line.subscribe);
		const viewHeard = listen(store.subscribe);
		store.dispatch({type: 'print', tone: 'output', text: 'hello'});
		expect(viewHeard.count).toBe(1);
		expect(lineHeard.count).toBe(0);
		expect(store.getView().lines.map((line) => line.text)).toEqual(['hello']);
	});
});

describe('the line as the surface draws it', () => {
	it('pads the text to the slot, the cursor cell in reverse video', () => {
		expect(lineRow({text: 'abc', cursor: 3}, 6)).toBe(`abc${inverse(' ')}  ${reset}`);
		expect(lineRow({text: 'abc', cursor: 1}, 5)).toBe(`a${inverse('b')}c  ${reset}`);
		expect(lineRow({text: '', cursor: 0}, 3)).toBe(`${inverse(' ')}  ${reset}`);
	});

	it('scrolls a long line so the cursor stays in view', () => {
		expect(lineRow({text: 'abcdefgh', cursor: 8}, 4)).toBe(`fgh${inverse(' ')}${reset}`);
	});

	it('cuts a line of wide glyphs to the slot with an ellipsis, as Ink truncates', () => {
		const row = lineRow({text: '日本語', cursor: 0}, 4);
		expect(row).toBe(`${inverse('日')}…${' '}${reset}`);
	});

	it('bumps its version only when the line changed', () => {
		const store = createReplStore();
		const content = lineContent(store.line, 10);
		const first = content.version;
		expect(content.version).toBe(first);
		expect(content.getRows()).toHaveLength(1);
		store.dispatch({type: 'edit', edit: {type: 'insert', text: 'x'}});
		expect(content.version).toBe(first + 1);
		expect(content.getRows()[0]).toBe(`x${inverse(' ')}${' '.repeat(8)}${reset}`);
		expect(content.cols).toBe(10);
	});
});
