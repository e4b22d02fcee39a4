import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {configSchema} from '../../source/config/config.js';
import {ConfigError, parseYamlText} from '../../source/config/yaml-file.js';
import {keysOf} from '../../source/ui/keys/bindings.js';
import {keyHint} from '../../source/ui/keys/key-hint.js';
import {parseKeySpec} from '../../source/ui/keys/key-spec.js';
import {applyKeyOverrides} from '../../source/ui/keys/keymap.js';
import {fakeRunner, fakeStore, makeJob, renderDashboard, waitFor} from './helpers.js';

afterEach(() => {
	cleanup();
});

describe('key overrides', () => {
	it('reads keys as people write them', () => {
		expect(parseKeySpec('D')).toEqual({input: 'D'});
		expect(parseKeySpec('ctrl+q')).toEqual({input: 'q', ctrl: true});
		expect(parseKeySpec('PgDn')).toEqual({name: 'pageDown'});
		expect(parseKeySpec('space')).toEqual({input: ' '});
		expect(parseKeySpec('esc esc')).toEqual({name: 'escape', twice: true});
		expect(() => parseKeySpec('hyper+x')).toThrow(/is not a key/);
	});

	it('rebinds an action everywhere, or in one scope, and unbinds with an empty list', () => {
		const {keymap, problems} = applyKeyOverrides({cancel: 'X', 'panes.zoom': ['Z', 'ctrl+z'], insert: []});
		expect(problems).toEqual([]);
		expect(keysOf('board', 'cancel', keymap)).toEqual([{input: 'X'}]);
		expect(keysOf('panes', 'cancel', keymap)).toEqual([{input: 'X'}]);
		expect(keysOf('panes', 'zoom', keymap)).toEqual([{input: 'Z'}, {input: 'z', ctrl: true}]);
		expect(keysOf('panes', 'insert', keymap)).toEqual([]);
		expect(keyHint('board', keymap)).toContain('X cancel');
		expect(keyHint('panes', keymap)).not.toContain('insert');
	});

	it('refuses unknown actions and scopes, non-keys, typing keys in the REPL, and clashes', () => {
		const problems = (overrides: Record<string, string | string[]>) =>
			applyKeyOverrides(overrides).problems.map((problem) => problem.message);
		expect(problems({dispach: 'D'})[0]).toBe('unknown action "dispach"; did you mean "dispatch"?');
		expect(problems({frobnicate: 'D'})[0]).toMatch(/^unknown action "frobnicate"; actions: quit, help/);
		expect(problems({'pains.zoom': 'Z'})[0]).toBe('unknown scope "pains"; did you mean "panes"?');
		expect(problems({'board.zoom': 'Z'})[0]).toBe('"zoom" is not an action of board');
		expect(problems({dispatch: ['D', 'hyper+d']})).toEqual([
			expect.stringMatching(/"hyper\+d" is not a key/),
		]);
		expect(problems({'repl.submit': 'j'})[0]).toBe('"j" types text in repl: bind a named or ctrl key there');
		expect(problems({dispatch: 'x'})[0]).toBe(
			'"x" is already bound to cancel in board; rebind or unbind that too',
		);
		expect(problems({leaveInsert: 'ctrl+a'})[0]).toMatch(/takes a key pressed twice/);
		// A global key an area uses would never reach the global binding there, and the reverse.
		expect(problems({help: 'H'})[0]).toBe(
			'"H" is already bound to moveCardLeft in board; rebind or unbind that too',
		);
		expect(problems({'board.dispatch': 'q'})[0]).toBe(
			'"q" is already bound to quit in global; rebind or unbind that too',
		);
		// Restating a shipped binding is fine, and so is moving both keys of a pair at once.
		expect(problems({quit: ['q', 'ctrl+c']})).toEqual([]);
		expect(problems({dispatch: 'x', cancel: 'X'})).toEqual([]);
	});

	it('names the place in config.yml of a bad setting', () => {
		const text = 'ui:\n  scrollback: 100\nkeys:\n  dispatch: D\n  zoooooom: Z\n';
		expect(() => parseYamlText(text, '/p/.xsarena/config.yml', configSchema)).toThrow(ConfigError);
		expect(() => parseYamlText(text, '/p/.xsarena/config.yml', configSchema)).toThrow(
			/^\/p\/\.xsarena\/config\.yml:5:13: keys\.zoooooom: unknown action "zoooooom"; actions: quit/,
		);
		const clash = 'keys:\n  cancel: [X, d]\n';
		expect(() => parseYamlText(clash, 'config.yml', configSchema)).toThrow(
			/^config\.yml:2:11: keys\.cancel: "d" is already bound to dispatch in board/,
		);
		expect(parseYamlText('keys:\n  dispatch: D\n', 'config.yml', configSchema).keys).toEqual({dispatch: 'D'});
	});
});

describe('rebound keys in the dashboard', () => {
	it('acts on the new key, not the old one, and the help and hint say so', async () => {
		const job = makeJob({title: 'Rebound', status: 'ready'});
		const run = fakeRunner();
		const {stdin, lastFrame} = renderDashboard(
			{store: fakeStore([job]), run, keys: {dispatch: 'D', help: 'W'}},
			160,
			48,
		);
		await waitFor(() => expect(lastFrame()).toContain('D dispatch'));
		stdin.write('l');
		stdin.write('l');
		stdin.write('d');
		stdin.write('D');
		await waitFor(() => expect(run.lines).toEqual([`dispatch ${job.id}`]));
		stdin.write('?');
		stdin.write('W');
		await waitFor(() => expect(lastFrame()).toContain('? or esc to close)'));
		expect(lastFrame()).toMatch(/D +start it now/);
		expect(lastFrame()).toMatch(/W +this help/);
	});
});
