/**
 * The memory baseline of `bench/mem-breakdown.mjs`: a Node process that loads every chunk of the
 * bundle (and node-pty) and then idles, as the dashboard would before it draws or spawns anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import {setInterval} from 'node:timers';
import {fileURLToPath} from 'node:url';

process.env.NODE_ENV ??= 'production';
const bundle = path.join(
	path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url)))),
	'dist',
	'bundle',
);
for (const name of fs
	.readdirSync(bundle)
	.filter((file) => file.endsWith('.js'))
	.sort()) {
	try {
		await import(path.join(bundle, name));
	} catch {
		// Ink's devtools chunk needs react-devtools-core, which is never installed (nor loaded) in use.
	}
}

await import('node-pty');
setInterval(() => {}, 1000);
