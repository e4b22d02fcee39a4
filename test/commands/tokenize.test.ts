import {describe, expect, it} from 'vitest';
import {tokenizeLine} from '../../source/commands/tokenize.js';
import {UsageError} from '../../source/commands/types.js';

describe('tokenizeLine', () => {
	it('splits like a shell, keeping quoted text whole', () => {
		expect(tokenizeLine(`add "fix the build; now" --priority high`)).toEqual([
			'add',
			'fix the build; now',
			'--priority',
			'high',
		]);
		expect(tokenizeLine(`add 'it''s' --command 'echo "$HOME" $(id)'`)).toEqual([
			'add',
			'its',
			'--command',
			'echo "$HOME" $(id)',
		]);
	});

	it('keeps $VARS literally and drops a leading "xsarena"', () => {
		expect(tokenizeLine('xsarena add $HOME')).toEqual(['add', '$HOME']);
	});

	it('refuses shell operators outside quotes', () => {
		expect(() => tokenizeLine('list; rm -rf /')).toThrow(UsageError);
		expect(() => tokenizeLine('list | wc')).toThrow(/shell operator/);
	});
});
