/**
 * What every benchmark of the suite shares: statistics, where results go, the machine they were
 * measured on, and reading a process's CPU time and memory from /proc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

/** The `bench/` folder. */
export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
/** The package root. */
export const rootDir = path.dirname(benchDir);
/** The built entry point. */
export const cliPath = path.join(rootDir, 'dist', 'cli.js');
/** The workload scripts. */
export const workloadsDir = path.join(benchDir, 'workloads');
/** The peers' harness, shared with the other projects. */
export const tmuxbench = path.resolve(rootDir, '..', 'shared', 'bench', 'peers', 'tmuxbench.mjs');

export {sleep};

/** `node <workload> …` as one shell word list, for command lines. */
export function workload(name, ...args) {
	return [process.execPath, path.join(workloadsDir, name), ...args.map(String)].map(shellQuote).join(' ');
}

/** Quote `text` for sh. */
export function shellQuote(text) {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** Nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values, p) {
	if (values.length === 0) {
		return null;
	}

	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** Median, p95, p99, min, max, mean, count of `values` (rounded to 0.1). */
export function stats(values) {
	const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
	if (values.length === 0) {
		return {count: 0, median: null, p95: null, p99: null, min: null, max: null, mean: null};
	}

	return {
		count: values.length,
		median: round(percentile(values, 50)),
		p95: round(percentile(values, 95)),
		p99: round(percentile(values, 99)),
		min: round(Math.min(...values)),
		max: round(Math.max(...values)),
		mean: round(values.reduce((sum, value) => sum + value, 0) / values.length),
	};
}

/** Node version, cores, load average and time: recorded with every figure (BENCHMARKS.md). */
export function machine() {
	return {
		node: process.version,
		cores: os.cpus().length,
		load: os.loadavg().map((value) => Math.round(value * 100) / 100),
		date: new Date().toISOString(),
	};
}

/**
 * Append `record` (with the machine) as one JSON line to `bench/results/<id>.jsonl`, print a summary
 * line, and return the record as written.
 */
export function report(id, record, summary) {
	const full = {bench: id, ...machine(), ...record};
	fs.mkdirSync(path.join(benchDir, 'results'), {recursive: true});
	fs.appendFileSync(path.join(benchDir, 'results', `${id.toLowerCase()}.jsonl`), `${JSON.stringify(full)}\n`);
	if (summary) {
		console.log(`${id}: ${summary}  [node ${full.node}, ${full.cores} cores, load ${full.load.join(' ')}]`);
	}

	return full;
}

/** Print the machine's load before a measurement, and warn when it is busy (figures will be noisy). */
export function noteLoad(id) {
	const [one] = os.loadavg();
	const cores = os.cpus().length;
	if (one > cores * 0.75) {
		console.log(`${id}: note: load average ${one.toFixed(2)} on ${cores} cores; figures are noisy`);
	}
}

/** utime+stime of `pid` in seconds (all threads), or NaN once gone. */
export function cpuSeconds(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return Number.NaN;
	}
}

/** Resident and peak memory of `pid` in MiB. */
export function memory(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const read = (key) =>
			Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? Number.NaN) / 1024;
		return {rssMiB: Math.round(read('VmRSS') * 10) / 10, peakMiB: Math.round(read('VmHWM') * 10) / 10};
	} catch {
		return {rssMiB: Number.NaN, peakMiB: Number.NaN};
	}
}

/** Child pids of `pid`. */
export function children(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/))
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/** `pid` and all its descendants, breadth first. */
export function tree(pid) {
	const out = [];
	const queue = [pid];
	while (queue.length > 0) {
		const next = queue.shift();
		out.push(next);
		queue.push(...children(next));
	}

	return out;
}

/** The command name of `pid`. */
export function comm(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return '';
	}
}

/** Read a JSON-lines file (a `--profile` file), skipping a torn last line. */
export function readJsonLines(file) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}

	return text
		.split('\n')
		.filter(Boolean)
		.flatMap((line) => {
			try {
				return [JSON.parse(line)];
			} catch {
				return [];
			}
		});
}

/** A fresh temp folder, removed at exit unless BENCH_KEEP=1. */
export function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xsarena-${prefix}-`));
	if (process.env.BENCH_KEEP !== '1') {
		process.on('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
	}

	return dir;
}

/** Exit with a clear message when dist/ is missing (benchmarks run the built program). */
export function needBuild() {
	if (!fs.existsSync(cliPath)) {
		console.error('no dist/cli.js: run `npm run build` first');
		process.exit(2);
	}
}

/** Environment number `name`, or `fallback`. */
export function envNumber(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}
