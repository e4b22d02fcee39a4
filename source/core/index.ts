export * from './job.js';
export * from './events.js';
export * from './reduce.js';
export * from './planner.js';
export * from './decide.js';
export * from './errors.js';
export * from './agent-command.js';
export * from './supervision.js';
