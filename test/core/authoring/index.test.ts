import {describe, expect, it} from 'vitest';
import * as authoring from '../../../source/core/authoring/index.js';

describe('core/authoring index', () => {
	it('re-exports the rules the engine and the commands use', () => {
		expect(Object.keys(authoring).sort()).toEqual(
			[
				'anchorFrom',
				'chapterFileName',
				'chooseDirection',
				'containment',
				'defaultAuthoringSettings',
				'extensionStep',
				'isBookComplete',
				'isKnobName',
				'isRepetition',
				'jaccard',
				'joinChunk',
				'knobNames',
				'nextChunkNumber',
				'normalisedWords',
				'outlineItems',
				'parseKnobValue',
				'parseOutline',
				'readingWordsPerMinute',
				'repetitionRate',
				'repetitionStep',
				'resolveAuthorSpec',
				'resumePoint',
				'setKnob',
				'similarity',
				'slugify',
				'splitChapters',
				'splitNextHint',
				'textStats',
				'topLevelHeading',
				'visibleStreamText',
				'wordNgrams',
			].sort(),
		);
	});
});
