import {defineConfig} from 'vitest/config';

export default defineConfig({
	// Tests run React's production build (as the shipped binary does), so JSX must not target the dev runtime.
	oxc: {jsx: {development: false}},
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Terminal and process tests share two cores with tsc and the linter; keep waits bounded, not short.
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
		// CI=false: Ink reads CI when loaded and then draws nothing until exit; the UI tests need frames.
		env: {NODE_ENV: 'production', CI: 'false'},
	},
});
