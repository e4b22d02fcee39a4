import {describe, expect, it} from 'vitest';
import {checkDone, exampleDone, maxDoneCharacters} from '../../source/core/done-contract.js';
import {doneContracts, type DoneContract} from '../../source/core/supervision.js';

const summary = 'Added the reset-time parser and its tests; npm test passes.';
const criteria = ['tests pass', 'README documents the flag'];
const json = (value: unknown) => JSON.stringify(value);
const tick = (text: string, done = true) => ({text, done});

describe('checkDone under every contract', () => {
	it.each(doneContracts)('%s: no file is a problem', (contract) => {
		expect(checkDone(undefined, contract, criteria)).toEqual({ok: false, problem: 'there is no DONE file'});
	});

	it.each(doneContracts)('%s: its own example passes', (contract) => {
		expect(checkDone(exampleDone(contract, criteria), contract, criteria).ok).toBe(true);
		expect(checkDone(exampleDone(contract, []), contract, []).ok).toBe(true);
	});
});

describe('checkDone, exists', () => {
	it.each<[string, string | undefined]>([
		['', undefined],
		['\n\n', undefined],
		['done', 'done'],
		['\n  All green.  \nmore text', 'All green.'],
		[json({summary}), summary],
		[json({summary: 5}), undefined],
		['[1, 2]', undefined],
		['\uFEFFdone', 'done'],
	])('accepts %j (summary %j)', (content, shown) => {
		expect(checkDone(content, 'exists', criteria)).toStrictEqual(
			shown === undefined ? {ok: true} : {ok: true, summary: shown},
		);
	});

	it('accepts a file larger than the cap', () => {
		expect(checkDone('x'.repeat(maxDoneCharacters + 10), 'exists', []).ok).toBe(true);
	});
});

describe('checkDone, summary', () => {
	it.each<[string, string]>([
		['', 'DONE is empty; write a JSON object with a "summary"'],
		[' \n\t', 'DONE is empty; write a JSON object with a "summary"'],
		['[]', 'DONE is not a JSON object (it is an array)'],
		[json([{summary}]), 'DONE is not a JSON object (it is an array)'],
		['null', 'DONE is not a JSON object (it is null)'],
		['"all done and tested"', 'DONE is not a JSON object (it is a string)'],
		['42', 'DONE is not a JSON object (it is a number)'],
		['{}', 'DONE lacks a summary'],
		[json({summary: null}), 'DONE lacks a summary'],
		[json({Summary: summary}), 'DONE lacks a summary'],
		[json({summary: '   '}), 'DONE lacks a summary (it is blank)'],
		[json({summary: 12}), 'DONE summary is not a string (it is a number)'],
		[json({summary: ['a', 'b']}), 'DONE summary is not a string (it is an array)'],
		[json({summary: 'Fixed it'}), 'DONE summary is too short (7 non-space characters, at least 10)'],
	])('%j → %s', (content, problem) => {
		expect(checkDone(content, 'summary', [])).toEqual({ok: false, problem});
	});

	it.each([
		'done',
		'Done.',
		'DONE!',
		'TODO',
		'todo: write the summary later',
		'TBD',
		'summary',
		'Summary goes here',
		'Your summary here',
		'Task completed.',
		'All done!!!',
		'N/A',
		'<summary>',
		'<one paragraph about what you did>',
		'{{summary}}',
		'[describe the change]',
		'Lorem ipsum dolor sit amet',
		'..........',
		'xxxxxxxxxxxx',
	])('refuses the placeholder summary %j', (text) => {
		const verdict = checkDone(json({summary: text}), 'summary', []);
		expect(verdict.ok).toBe(false);
		expect(verdict.ok ? '' : verdict.problem).toMatch(/^DONE summary is (?:a placeholder|too short)/);
	});

	it('names the placeholder and says what to write', () => {
		expect(checkDone(json({summary: 'summary goes here'}), 'summary', [])).toEqual({
			ok: false,
			problem: 'DONE summary is a placeholder ("summary goes here"); say what changed and how it was checked',
		});
	});

	it('says why the JSON is broken, on one line', () => {
		const verdict = checkDone('{"summary": "a", }', 'summary', []);
		expect(verdict.ok).toBe(false);
		const problem = verdict.ok ? '' : verdict.problem;
		expect(problem).toMatch(/^DONE is not JSON: \S/);
		expect(problem).not.toContain('\n');
	});

	it.each(['done', 'summary: fixed the parser', "{summary: 'Fixed the parser'}"])(
		'refuses %j as not JSON',
		(content) => {
			const verdict = checkDone(content, 'summary', []);
			expect(verdict.ok ? '' : verdict.problem).toMatch(/^DONE is not JSON: /);
		},
	);

	it('accepts a real summary, trimmed, and ignores other fields', () => {
		expect(checkDone(json({summary: `  ${summary}\n`, files: ['a.ts']}), 'summary', [])).toEqual({
			ok: true,
			summary,
		});
	});

	it('accepts exactly 10 non-space characters', () => {
		expect(checkDone(json({summary: 'Fixed a b c d e'}), 'summary', [])).toEqual({
			ok: true,
			summary: 'Fixed a b c d e',
		});
	});

	it('ignores a byte-order mark at the start', () => {
		expect(checkDone(`\uFEFF${json({summary})}`, 'summary', [])).toEqual({ok: true, summary});
	});

	it('does not ask for criteria', () => {
		expect(checkDone(json({summary}), 'summary', criteria)).toEqual({ok: true, summary});
	});

	it('cuts a long summary for display', () => {
		const long = 'word '.repeat(400).trim();
		const verdict = checkDone(json({summary: long}), 'summary', []);
		expect(verdict.ok && verdict.summary?.length).toBe(500);
	});

	it('refuses content over 1 MiB, and says so', () => {
		const content = json({summary, padding: 'x'.repeat(maxDoneCharacters)});
		expect(checkDone(content, 'summary', [])).toEqual({
			ok: false,
			problem: `DONE is larger than 1 MiB (${content.length} characters); write a short JSON object`,
		});
	});
});

describe('checkDone, criteria', () => {
	const check = (value: unknown, acceptance: readonly string[] = criteria) =>
		checkDone(json(value), 'criteria', acceptance);

	it('accepts every criterion ticked', () => {
		expect(check({summary, criteria: criteria.map((text) => tick(text))})).toEqual({ok: true, summary});
	});

	it('matches criteria trimmed, with whitespace collapsed, ignoring case and order', () => {
		const written = [tick('  readme   DOCUMENTS the flag\n'), tick('Tests Pass')];
		expect(check({summary, criteria: written}, ['  tests pass ', 'README documents the flag']).ok).toBe(true);
	});

	it('accepts extra criteria, ticked or not', () => {
		const written = [
			...criteria.map((text) => tick(text)),
			tick('also refactored', false),
			tick('lint clean'),
		];
		expect(check({summary, criteria: written}).ok).toBe(true);
	});

	it.each<[string, unknown, string]>([
		[
			'no criteria field',
			{summary},
			'DONE lacks criteria (a list of {"text": …, "done": true}, one per acceptance criterion)',
		],
		[
			'criteria null',
			{summary, criteria: null},
			'DONE lacks criteria (a list of {"text": …, "done": true}, one per acceptance criterion)',
		],
		[
			'criteria an object',
			{summary, criteria: {'tests pass': true}},
			'DONE criteria is not an array (it is an object)',
		],
		[
			'criteria a string',
			{summary, criteria: 'tests pass'},
			'DONE criteria is not an array (it is a string)',
		],
		[
			'an entry is a string',
			{summary, criteria: ['tests pass']},
			'DONE criteria[0] is not {"text": string, "done": true|false}',
		],
		[
			'done is a string',
			{summary, criteria: [tick('x'), {text: 'tests pass', done: 'true'}]},
			'DONE criteria[1] is not {"text": string, "done": true|false}',
		],
		[
			'text is missing',
			{summary, criteria: [{done: true}]},
			'DONE criteria[0] is not {"text": string, "done": true|false}',
		],
		[
			'one unticked',
			{summary, criteria: [tick('tests pass', false), tick('README documents the flag')]},
			'criterion "tests pass" is not ticked',
		],
		[
			'one missing',
			{summary, criteria: [tick('tests pass')]},
			'criterion "README documents the flag" is missing',
		],
		[
			'both missing',
			{summary, criteria: []},
			'criterion "tests pass" is missing (and 1 more criterion missing or not ticked)',
		],
		[
			'a duplicate unticks',
			{summary, criteria: [...criteria.map((text) => tick(text)), tick('TESTS PASS', false)]},
			'criterion "tests pass" is not ticked',
		],
		[
			'summary checked first',
			{summary: 'done', criteria: criteria.map((text) => tick(text))},
			'DONE summary is a placeholder ("done"); say what changed and how it was checked',
		],
	])('%s', (_name, value, problem) => {
		expect(check(value)).toEqual({ok: false, problem});
	});

	it('counts the rest when several criteria fail', () => {
		expect(check({summary, criteria: []}, ['a', 'b', 'c'])).toEqual({
			ok: false,
			problem: 'criterion "a" is missing (and 2 more criteria missing or not ticked)',
		});
	});

	it('quotes a criterion on one line, cut to 80 characters', () => {
		const long = `line one\nline two ${'x'.repeat(100)}`;
		const verdict = check({summary, criteria: []}, [long]);
		const problem = verdict.ok ? '' : verdict.problem;
		expect(problem).not.toContain('\n');
		expect(problem).toMatch(/^criterion "line one\\nline two x+…" is missing$/);
	});

	it.each<[string, readonly string[]]>([
		['none', []],
		['only blank ones', ['', '   ']],
	])('behaves as summary when the job has %s', (_name, acceptance) => {
		expect(check({summary}, acceptance)).toEqual({ok: true, summary});
		expect(check({summary: 'done'}, acceptance).ok).toBe(false);
	});
});

describe('exampleDone', () => {
	it.each<[DoneContract, unknown]>([
		['exists', {summary: expect.any(String)}],
		['summary', {summary: expect.any(String)}],
		[
			'criteria',
			{summary: expect.any(String), criteria: [tick('tests pass'), tick('README documents the flag')]},
		],
	])('%s: a JSON object with what the contract needs', (contract, shape) => {
		const text = exampleDone(contract, criteria);
		expect(text.endsWith('\n')).toBe(true);
		expect(JSON.parse(text)).toEqual(shape);
	});

	it('lists criteria trimmed and skips blank ones', () => {
		expect(JSON.parse(exampleDone('criteria', [' tests pass ', '']))).toMatchObject({
			criteria: [tick('tests pass')],
		});
	});

	it('has no criteria list when the job has none', () => {
		expect(JSON.parse(exampleDone('criteria', []))).not.toHaveProperty('criteria');
	});
});
