/**
 * English function words (closed-class words: articles, determiners, pronouns, prepositions,
 * conjunctions, auxiliary and modal verbs, particles), in the normalised form of `normalisedWords`
 * (lower case, apostrophes dropped: `dont`). Every other word counts as a content word. A short list,
 * so lexical density computed with it is an approximation, and only meaningful for English text.
 */
export const englishFunctionWords: ReadonlySet<string> = new Set(
	`a an the this that these those some any each every either neither no all both half several many much
	more most few fewer less least other another such what which whose whatever whichever
	i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
	she her hers herself it its itself they them their theirs themselves one ones oneself who whom
	whoever someone something somebody anyone anything anybody everyone everything everybody nobody
	nothing none
	about above across after against along amid among around as at before behind below beneath beside
	besides between beyond by despite down during except for from in inside into like near of off on
	onto out outside over past per since than through throughout till to toward towards under
	underneath unlike until up upon via with within without
	and but or nor so yet if unless because although though while whereas whether once when whenever
	where wherever how why then there here
	be am is are was were been being have has had having do does did doing done will would shall should
	can could may might must ought
	not also just only very too quite rather even
	im ive id ill youre youve youd youll hes shes its were weve wed well theyre theyve theyd theyll
	thats theres whats whos isnt arent wasnt werent hasnt havent hadnt dont doesnt didnt wont wouldnt
	shant shouldnt cant couldnt mustnt mightnt neednt lets`
		.split(/\s+/)
		.filter((word) => word !== ''),
);
