/**
 * `help [command]`: the command list, or one command's help with its examples. The text comes from
 * the program itself (`program.ts`), so `help add` and `add --help` print the same thing.
 */
import type {CommandSpec} from './types.js';

/** `help [command]`. */
export const help: CommandSpec = {
	name: 'help',
	summary: 'list the commands, or show one with its options and examples',
	description: 'Prints the same text as "<command> --help". An unknown name is refused with the nearest one.',
	examples: ['xsarena help', 'xsarena help add', 'xsarena help sreach'],
	standalone: true,
	configure(command) {
		command.argument('[command]', 'a command name or alias');
	},
	async run(context, [name]) {
		// Loaded when run: the program imports the registry, which imports this module.
		const {commandHelp, commandList, offered} = await import('./program.js');
		const {origin} = context;
		if (name === undefined) {
			const commands = offered(origin).map(({name: command, summary}) => ({name: command, summary}));
			return {data: {commands}, text: commandList(origin).trimEnd()};
		}

		const text = commandHelp(name, origin);
		return {data: {command: name, help: text}, text: text.trimEnd()};
	},
};
