import type { HandoffConfig } from './config.ts';

/**
 * Whether an officer can still write to the worker on the conversation's channel, and until when
 * (platforms.md: Zalo 48 h after the worker's last message; Messenger 24 h, then 7 days with the
 * HUMAN_AGENT tag; Telegram and web chat have no window). Decided from the worker's last own
 * message, like the adapters' window rules, so the console warns before delivery would refuse.
 */
export interface ReplyWindow {
  state: 'open' | 'closing' | 'closed' | 'unlimited';
  closesAt: string | null;
  tag?: 'HUMAN_AGENT';
}

const HOUR = 3_600_000;

export function replyWindow(channel: string, lastInboundAt: Date | null, now: Date, cfg: Pick<HandoffConfig, 'windows' | 'windowWarningMs'>): ReplyWindow {
  let hours: number;
  let tag: 'HUMAN_AGENT' | undefined;
  if (channel === 'zalo') hours = cfg.windows.zaloHours;
  else if (channel === 'messenger') {
    hours = cfg.windows.humanAgentTag ? cfg.windows.humanAgentHours : cfg.windows.messengerHours;
    // past the standard 24 h an officer's reply only goes with the HUMAN_AGENT tag
    if (cfg.windows.humanAgentTag && lastInboundAt && now.getTime() - lastInboundAt.getTime() > cfg.windows.messengerHours * HOUR) tag = 'HUMAN_AGENT';
  } else return { state: 'unlimited', closesAt: null };
  if (!lastInboundAt) return { state: 'closed', closesAt: null };
  const closes = lastInboundAt.getTime() + hours * HOUR;
  const left = closes - now.getTime();
  const state = left <= 0 ? 'closed' : left <= cfg.windowWarningMs ? 'closing' : 'open';
  return { state, closesAt: new Date(closes).toISOString(), ...(tag && state !== 'closed' ? { tag } : {}) };
}
