import {describe, expect, it} from 'vitest';
import {
	chunkMessages,
	extendMessages,
	moveOnMessages,
	noAnchor,
	outlineMessages,
	parseDirective,
	type AuthorSpec,
	type RoleGuides,
} from '../../source/core/index.js';

const role = (name: string, variables: string, body: string) =>
	parseDirective(
		'role',
		name,
		`---\nname: ${name}\ndescription: test\n${variables}\n---\n${body}\n`,
		`${name}.md`,
	);

const roles: RoleGuides = {
	firstChunk: role(
		'first-chunk',
		'variables: [subject]\noptional: [plan, direction]',
		'FIRST {{subject}}\nPLAN {{plan}}\nDIR {{direction}}',
	),
	continue: role(
		'continue',
		'variables: [anchor, direction]\noptional: [n]',
		'CONT {{n}}\n<<{{anchor}}>>\nDIR {{direction}}',
	),
	extend: role('extend', 'variables: [tail, missing]', 'EXT {{missing}} after {{tail}}'),
	moveOn: role(
		'move-on',
		'variables: [anchor]\noptional: [direction]',
		'MOVE <<{{anchor}}>> DIR {{direction}}',
	),
	outline: role('outline', 'variables: [subject, chunks]', 'OUTLINE {{chunks}} of {{subject}}'),
};

const spec = {subject: 'tides', chunks: 5, minChars: 100} as AuthorSpec;

describe('author prompts', () => {
	it('asks for chunk 1 with the first-chunk guide, the plan section and a person hint', () => {
		const messages = chunkMessages('SYSTEM', roles, spec, {
			n: 1,
			anchor: '',
			direction: 'start at dawn',
			section: 'Dawn',
		});
		expect(messages).toEqual([
			{role: 'system', content: 'SYSTEM'},
			{role: 'user', content: 'FIRST tides\nPLAN Dawn\nDIR start at dawn'},
		]);
	});

	it('asks for a later chunk from the anchor and the direction, the section standing in for a direction', () => {
		expect(chunkMessages('S', roles, spec, {n: 3, anchor: 'the tail.', direction: 'go on'})[1]!.content).toBe(
			'CONT 3\n<<the tail.>>\nDIR go on',
		);
		expect(chunkMessages('S', roles, spec, {n: 3, anchor: 'the tail.', section: 'Ebb'})[1]!.content).toMatch(
			/DIR Ebb/,
		);
	});

	it('says the text is not shown in continuation "none" rather than sending an empty anchor', () => {
		expect(chunkMessages('S', roles, spec, {n: 2, anchor: '', direction: 'd'})[1]!.content).toContain(
			noAnchor,
		);
	});

	it('extends with the chunk so far as the model answer and what is missing', () => {
		const asked = chunkMessages('S', roles, spec, {n: 2, anchor: 'a.', direction: 'd'});
		const messages = extendMessages(asked, roles, spec, 'so far', 42);
		expect(messages.slice(0, 2)).toEqual(asked);
		expect(messages[2]).toEqual({role: 'assistant', content: 'so far'});
		expect(messages[3]).toEqual({role: 'user', content: 'EXT 42 after so far'});
	});

	it('retries a repetition with the move-on guide, and asks for an outline of spec.chunks sections', () => {
		expect(moveOnMessages('S', roles, spec, {n: 2, anchor: 'a.', direction: 'd'})[1]!.content).toBe(
			'MOVE <<a.>> DIR d',
		);
		expect(outlineMessages('S', roles, spec)[1]!.content).toBe('OUTLINE 5 of tides');
	});
});
