import type { ChannelContract } from '../src/channels/contract.ts';
import { telegramContract } from './telegram/contract.ts';
import { webchatContract } from './webchat/contract.ts';
import { messengerContract } from './messenger/contract.ts';
import { zaloContract } from './zalo/contract.ts';

/** Every adapter's contract fixture; test/contract.test.ts runs the same suite over each. */
export const contracts: ChannelContract[] = [webchatContract, zaloContract, messengerContract, telegramContract];
