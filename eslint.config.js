// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const uiForbidden = ['node-pty', 'chokidar', 'node:child_process', 'child_process', 'execa'];
const coreForbidden = [
	...uiForbidden,
	'ink',
	'react',
	'node:fs',
	'fs',
	'node:fs/promises',
	'fs/promises',
	'@xterm/headless',
];

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**', 'bench/results/**', '.xsarena/**', 'coverage/**']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			...reactHooks.configs.recommended.rules,
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
			'@typescript-eslint/consistent-type-imports': 'error',
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				URL: 'readonly',
				Buffer: 'readonly',
			},
		},
	},
	{
		// The pure core: no I/O, no processes, no UI.
		files: ['source/core/**'],
		rules: {'no-restricted-imports': ['error', {paths: coreForbidden}]},
	},
	{
		// The UI reads the store and runs commands; it never touches processes or watchers.
		files: ['source/ui/**'],
		rules: {'no-restricted-imports': ['error', {paths: uiForbidden}]},
	},
);
