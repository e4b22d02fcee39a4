/**
 * The bindings in force, as a context: the shipped table, or it with the person's `keys:` from
 * `config.yml` applied. It never changes while the dashboard is up. Without a provider the shipped
 * table applies (tests and the CLI's own renders need nothing).
 */
import {createContext, useContext} from 'react';
import {bindings, type Keymap} from './bindings.js';

/** Holds the keymap. */
export const KeymapContext = createContext<Keymap>(bindings);

/** The keymap of the enclosing provider, or the shipped table. */
export function useKeymap(): Keymap {
	return useContext(KeymapContext);
}
