/** Whether the debug overlay is shown, and the action its key binding calls. */
import {useCallback, useState} from 'react';

/** The overlay's state: hidden at start. `toggle` is stable. */
export function useDebugOverlay(): {readonly shown: boolean; readonly toggle: () => void} {
	const [shown, setShown] = useState(false);
	const toggle = useCallback(() => {
		setShown((value) => !value);
	}, []);
	return {shown, toggle};
}
