import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Terminal and process tests share two cores with tsc and the linter; keep waits bounded, not short.
		testTimeout: 20_000,
		hookTimeout: 20_000,
		pool: 'forks',
		env: {NODE_ENV: 'production'},
	},
});
