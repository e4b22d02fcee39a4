/**
 * The one command registry: the CLI and the REPL both resolve names against this list.
 * Adding a command = adding its module here.
 */
import {add} from './add.js';
import {book} from './book.js';
import {directives} from './directives.js';
import {knobs, set} from './knobs.js';
import {next} from './next.js';
import {pause} from './pause.js';
import {resume} from './resume.js';
import {split} from './split.js';
import {stats} from './stats.js';
import {cancel} from './cancel.js';
import {dispatch} from './dispatch.js';
import {doctor} from './doctor.js';
import {edit} from './edit.js';
import {exportCommand} from './export.js';
import {gc} from './gc.js';
import {help} from './help.js';
import {importCommand} from './import.js';
import {list} from './list.js';
import {messages} from './messages.js';
import {move} from './move.js';
import {post} from './post.js';
import {cost} from './cost.js';
import {quit} from './quit.js';
import {run} from './run.js';
import {search} from './search.js';
import {send} from './send.js';
import {show} from './show.js';
import {status} from './status.js';
import {tail} from './tail.js';
import type {CommandSpec} from './types.js';
import {watch} from './watch.js';

/** Every command, in the order `help` lists them. */
export const commands: readonly CommandSpec[] = [
	add,
	list,
	show,
	move,
	edit,
	dispatch,
	cancel,
	pause,
	resume,
	book,
	next,
	knobs,
	set,
	split,
	stats,
	directives,
	send,
	post,
	search,
	cost,
	messages,
	tail,
	status,
	run,
	importCommand,
	exportCommand,
	gc,
	doctor,
	watch,
	quit,
	help,
];
