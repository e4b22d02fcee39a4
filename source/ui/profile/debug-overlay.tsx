/** The debug overlay: the profiler's figures of the last second, in a box the width of the screen. */
import {Box, Text} from 'ink';
import {theme} from '../theme.js';
import {overlayRows, profileLines} from './profile-lines.js';
import {useProfileSample} from './use-profile-sample.js';

/** Height of the overlay, border and title included. */
export const debugOverlayHeight = overlayRows + 3;

/** Props of {@link DebugOverlay}. */
export type DebugOverlayProps = {
	readonly width: number;
	/** The key that closes it, for the title (e.g. `ctrl+p`). */
	readonly toggleKey?: string;
};

/**
 * Frame rate, commit and build times, bytes to the terminal, coalesced pane bytes, pty pauses and
 * memory, refreshed once a second while shown (mounting it starts the profiler's recording).
 */
export function DebugOverlay({width, toggleKey}: DebugOverlayProps) {
	const sample = useProfileSample();
	return (
		<Box
			flexDirection="column"
			width={width}
			height={debugOverlayHeight}
			borderStyle="round"
			borderColor={theme.muted}
			overflow="hidden"
		>
			<Text wrap="truncate-end" bold>
				profile{toggleKey ? ` (${toggleKey} closes)` : ''}
			</Text>
			{profileLines(sample).map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line || ' '}
				</Text>
			))}
		</Box>
	);
}
