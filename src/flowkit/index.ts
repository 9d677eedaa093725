export * from './types.ts';
export { FlowEngine, type TurnEnv, type TurnOutcome } from './engine.ts';
export { FlowRegistry } from './registry.ts';
export { commandKey } from './commands.ts';
