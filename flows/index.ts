import type { FlowDef } from '../src/flowkit/types.ts';

/** Every flow the assistant runs: a new flow is a folder under flows/ and one line here. */
export const flows: FlowDef[] = [];
