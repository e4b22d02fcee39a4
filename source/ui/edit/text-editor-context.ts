/**
 * The external editor the dashboard hands the terminal to (`E` on a job), as a context: it is built
 * once where the terminal is known (`render-dashboard.tsx`), and absent in tests that do not need it.
 */
import {createContext, useContext} from 'react';
import type {TextEditor} from '../../commands/external-editor.js';

/** Holds the dashboard's {@link TextEditor}; `undefined` where there is none (e.g. no terminal). */
export const TextEditorContext = createContext<TextEditor | undefined>(undefined);

/** The enclosing text editor, or `undefined` (then `E` says the dashboard cannot open one). */
export function useTextEditor(): TextEditor | undefined {
	return useContext(TextEditorContext);
}
