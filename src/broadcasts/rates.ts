import type { ChannelAdapter } from '../channels/types.ts';
import type { Channel } from './schema.ts';

/**
 * Messages a second a channel's account takes, from the adapter's declared perAccount limit
 * (the same numbers the delivery worker's rate limiter keeps). Without an adapter (planning in
 * the CLI against a database whose channels are not configured here) the platforms' published
 * or our conservative numbers (platforms.md 1.8, 2.8, 3.7). Web chat has no platform limit: the
 * number bounds how fast we write transcripts.
 */
const FALLBACK: Record<Channel, number> = { telegram: 30, messenger: 250, zalo: 5, webchat: 500 };

export function channelRate(adapters: Map<string, ChannelAdapter>, channel: Channel): number {
  const per = adapters.get(channel)?.capabilities.rateLimits?.perAccount;
  return per ? (per.count * 1000) / per.perMs : FALLBACK[channel];
}
