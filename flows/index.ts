import type { FlowDef } from '../src/flowkit/types.ts';
import { registrationFlow } from './registration/index.ts';
import { registrationStatusFlow } from './registration-status/index.ts';

/** Every flow the assistant runs: a new flow is a folder under flows/ and one line here. */
export const flows: FlowDef[] = [registrationFlow, registrationStatusFlow];
