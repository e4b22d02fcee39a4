import fs from 'node:fs';

/** `state` and `pgrp` of a process from `/proc/<pid>/stat` (Linux), or undefined when it is gone. */
export function processStat(pid: number): {state: string; pgrp: number} | undefined {
	let stat: string;
	try {
		stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
	} catch {
		return undefined;
	}

	// `pid (comm) state ppid pgrp …`: comm may hold spaces and parentheses.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return {state: fields[0] ?? '', pgrp: Number(fields[2])};
}

/**
 * Whether process `pid` exists and is neither a zombie nor dead. Orphans of a killed group may stay
 * zombies until init reaps them; they hold no memory or descriptors, so they count as gone.
 */
export function isAlive(pid: number): boolean {
	const stat = processStat(pid);
	return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** `pid state (comm)` of every process in group `pgid`, zombies included, for a failure message. */
export function describeGroup(pgid: number): string {
	const members: string[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		const pid = Number(entry);
		const stat = Number.isInteger(pid) ? processStat(pid) : undefined;
		if (stat?.pgrp === pgid) {
			members.push(`${pid} ${stat.state}`);
		}
	}

	return `group ${pgid}: ${members.join(', ') || 'no process'}`;
}
