#!/usr/bin/env node
/**
 * An idle waiter: an agent asking a person something and then waiting for input, printing nothing
 * more (B10). Answers a line with `got:<line>` and asks again.
 *
 *   node waiter.mjs [label=agent]
 */
import readline from 'node:readline';

const label = process.argv[2] ?? 'agent';
const maxSeconds = Number(process.env.BENCH_MAX_S ?? 600);
process.stdout.write(`${label}: the change is ready.\n? apply it [y/N] `);
const input = readline.createInterface({input: process.stdin});
input.on('line', (line) => {
	process.stdout.write(`got:${line}\n? apply it [y/N] `);
});
setTimeout(() => process.exit(0), maxSeconds * 1000);
