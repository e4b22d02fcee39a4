import fs from 'node:fs';

/**
 * Whether process `pid` exists and is not a zombie (`/proc/<pid>/stat`, Linux). Orphans of a killed
 * group may stay zombies until init reaps them; they hold nothing, so they count as gone.
 */
export function isAlive(pid: number): boolean {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
}
