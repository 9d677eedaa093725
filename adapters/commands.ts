import type { AdapterCommand } from '../src/channels/types.ts';
import { commands as telegram } from './telegram/cli.ts';
import { commands as messenger } from './messenger/cli.ts';
import { commands as zalo } from './zalo/cli.ts';

/** Operator commands of every channel, wired into `npm run cli`. */
export const adapterCommands: AdapterCommand[] = [...zalo, ...messenger, ...telegram];
