import {knobNames, parseKnobValue, type KnobName} from '../core/index.js';
import {readKnobs, writeKnobs, type SessionKnobs} from '../config/session-state.js';
import type {AuthoringConfig} from '../config/authoring.js';
import {UsageError, type CommandSpec} from './types.js';

/** A knob's value as people read it. */
function show(value: unknown): string {
	if (value === undefined || value === null) {
		return '(none)';
	}

	return Array.isArray(value) ? value.join(', ') || '(none)' : String(value);
}

/** What new author jobs get for `name` when the session does not set it. */
function configured(name: KnobName, settings: AuthoringConfig): unknown {
	switch (name) {
		case 'minChars': {
			return `${settings.lengths[settings.defaultLength]?.minChars ?? '?'} (length ${settings.defaultLength})`;
		}

		default: {
			return settings[name];
		}
	}
}

/** `knobs`: the session knobs new author jobs take, and where each value comes from. */
export const knobs: CommandSpec = {
	name: 'knobs',
	summary: 'list the session knobs new author jobs take (set changes them)',
	examples: ['xsarena knobs', 'xsarena knobs --json'],
	configure() {},
	async run(context) {
		const session = readKnobs(context.paths.root);
		const rows = knobNames.map((name) => {
			const set = session[name] !== undefined;
			return {
				name,
				value: set ? session[name] : configured(name, context.config.authoring),
				from: set ? 'session' : 'config',
			};
		});
		const width = Math.max(...knobNames.map((name) => name.length));
		const text = rows.map((row) => `${row.name.padEnd(width)}  ${show(row.value)}  (${row.from})`).join('\n');
		return {data: rows, text};
	},
};

/** `set <knob> <value>`: change a session knob (`set <knob> default` unsets it). */
export const set: CommandSpec = {
	name: 'set',
	summary: 'set a session knob for new author jobs (value "default" goes back to config.yml)',
	examples: [
		'xsarena set minChars 3000',
		'xsarena set overlays no_bs,tone-formal',
		'xsarena set continuation default',
	],
	configure(command) {
		command
			.argument('<knob>', `one of: ${knobNames.join(', ')}`)
			.argument('<value...>', 'the value (overlays: a comma-separated list; "default" unsets)');
	},
	async run(context, [name = '', ...words]) {
		if (!(knobNames as readonly string[]).includes(name)) {
			throw new UsageError(`unknown knob "${name}" (knobs: ${knobNames.join(', ')})`);
		}

		const knob = name as KnobName;
		const text = words.join(' ').trim();
		const session: SessionKnobs = {...readKnobs(context.paths.root)};
		if (text === 'default') {
			delete session[knob];
		} else {
			try {
				Object.assign(session, {[knob]: parseKnobValue(knob, text)});
			} catch (error) {
				throw new UsageError((error as Error).message);
			}
		}

		writeKnobs(context.paths.root, session);
		return {
			data: {knob, value: session[knob] ?? null},
			text: `${knob} = ${show(session[knob] ?? 'default')}`,
		};
	},
};
