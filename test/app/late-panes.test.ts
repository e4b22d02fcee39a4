import {describe, expect, it} from 'vitest';
import {LatePanes} from '../../source/app/late-panes.js';
import type {PaneInfo} from '../../source/ui/ports.js';
import {fakePanes, fakeScreen} from '../ui/helpers.js';

const pane = (jobId: string): PaneInfo => ({
	jobId,
	run: 1,
	agent: 'shell',
	startedAt: '2026-11-26T10:00:00.000Z',
	screen: fakeScreen(['hi']),
});

describe('a late pane source', () => {
	it('has no panes, the same empty list every time, until a source is attached', () => {
		const late = new LatePanes();
		expect(late.getPanes()).toEqual([]);
		expect(late.getPanes()).toBe(late.getPanes());
	});

	it('tells its listeners when the source arrives and on every change of it, then shows its panes', () => {
		const late = new LatePanes();
		let heard = 0;
		const unsubscribe = late.subscribe(() => heard++);
		const source = fakePanes([pane('a')]);
		late.attach(source);
		expect(heard).toBe(1);
		expect(late.getPanes().map((info) => info.jobId)).toEqual(['a']);
		source.set([pane('a'), pane('b')]);
		expect(heard).toBe(2);
		expect(late.getPanes()).toBe(source.getPanes());
		unsubscribe();
		source.changed();
		expect(heard).toBe(2);
	});

	it('refuses a second source', () => {
		const late = new LatePanes();
		late.attach(fakePanes());
		expect(() => late.attach(fakePanes())).toThrow('attached already');
	});
});
