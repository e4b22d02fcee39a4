#!/usr/bin/env node
/**
 * The `xsarena` entry: no arguments open the dashboard; arguments run one command and exit.
 *
 * React's development build makes every frame ~3× slower (PITFALLS.md), and ESM imports are hoisted,
 * so the environment is set here and the program is loaded afterwards.
 */
process.env['NODE_ENV'] ??= 'production';
const {main} = await import('./app/main.js');
process.exitCode = await main(process.argv.slice(2));
