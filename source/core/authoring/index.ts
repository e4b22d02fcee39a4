/** The rules of authoring jobs: pure functions the engine's chunk loop and the `split`/`stats` commands use. */
export * from './next-hint.js';
export * from './anchor.js';
export * from './repetition.js';
export * from './knobs.js';
export * from './presets.js';
export * from './chunk-loop.js';
export * from './outline.js';
export * from './text-stats.js';
export * from './split-chapters.js';
