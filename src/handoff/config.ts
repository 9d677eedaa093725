import { z } from 'zod';
import { parseHours, type OpeningHours } from './hours.ts';

/**
 * Handoff settings, read from the raw environment (AppConfig.env) and validated here so the
 * handoff area owns its variables; a bad value stops start-up naming the variable.
 *
 * | HANDOFF_SLA_MINUTES          | 10  | time to an officer's first reply before escalation up the tree |
 * | HANDOFF_IDLE_MINUTES         | 30  | nobody wrote for this long in an active handoff: the bot resumes |
 * | HANDOFF_HOURS                | mon-fri 07:30-17:00; sat 07:30-11:30 | opening hours (Asia/Ho_Chi_Minh) |
 * | HANDOFF_DEFAULT_UNIT         | —   | org unit code for workers with no known unit; unset: the root |
 * | HANDOFF_SWEEP_INTERVAL_MS    | 30000 | how often the worker process checks SLA, idle chats, free capacity |
 * | HANDOFF_WINDOW_WARNING_MINUTES | 120 | a reply window closing within this is shown as 'closing' |
 * | HANDOFF_ASSIGN_ONLINE_ONLY   | true | automatic assignment only to officers whose console is open (else online ones first) |
 * | HANDOFF_UNANSWERED_MINUTES   | 10  | a taken chat the officer leaves unanswered this long (opening hours) goes back to the queue; 0 = off |
 */
const minutes = (d: number) => z.coerce.number().int().min(1).max(7 * 24 * 60).default(d);

const schema = z.object({
  HANDOFF_SLA_MINUTES: minutes(10),
  HANDOFF_IDLE_MINUTES: minutes(30),
  HANDOFF_HOURS: z.string().min(1).default('mon-fri 07:30-17:00; sat 07:30-11:30'),
  HANDOFF_DEFAULT_UNIT: z.string().min(1).max(40).optional(),
  HANDOFF_SWEEP_INTERVAL_MS: z.coerce.number().int().min(200).default(30_000),
  HANDOFF_WINDOW_WARNING_MINUTES: minutes(120),
  HANDOFF_ASSIGN_ONLINE_ONLY: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  HANDOFF_UNANSWERED_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(10),
  // the channels' own window settings (adapters/zalo, adapters/messenger read the same names)
  ZALO_REPLY_WINDOW_HOURS: z.coerce.number().positive().default(48),
  MESSENGER_WINDOW_HOURS: z.coerce.number().positive().default(24),
  MESSENGER_HUMAN_AGENT_WINDOW_HOURS: z.coerce.number().positive().default(168),
  MESSENGER_HUMAN_AGENT_TAG: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default('true')
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
});

export interface HandoffConfig {
  slaMs: number;
  idleMs: number;
  hours: OpeningHours;
  defaultUnitCode?: string;
  sweepIntervalMs: number;
  windowWarningMs: number;
  /** automatic assignment skips officers who are not online (their conversations wait in the unit queue) */
  assignOnlineOnly: boolean;
  /** opening-hours time a worker's message may wait for the assigned officer before requeueing; 0 = never */
  unansweredMs: number;
  windows: { zaloHours: number; messengerHours: number; humanAgentHours: number; humanAgentTag: boolean };
}

const cache = new WeakMap<object, HandoffConfig>();

export function handoffConfig(env: Record<string, string | undefined>): HandoffConfig {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const hours = parseHours(c.HANDOFF_HOURS);
  if (typeof hours === 'string') throw new Error(`Invalid configuration:\n  HANDOFF_HOURS: ${hours}`);
  const cfg: HandoffConfig = {
    slaMs: c.HANDOFF_SLA_MINUTES * 60_000,
    idleMs: c.HANDOFF_IDLE_MINUTES * 60_000,
    hours,
    ...(c.HANDOFF_DEFAULT_UNIT ? { defaultUnitCode: c.HANDOFF_DEFAULT_UNIT } : {}),
    sweepIntervalMs: c.HANDOFF_SWEEP_INTERVAL_MS,
    windowWarningMs: c.HANDOFF_WINDOW_WARNING_MINUTES * 60_000,
    assignOnlineOnly: c.HANDOFF_ASSIGN_ONLINE_ONLY,
    unansweredMs: c.HANDOFF_UNANSWERED_MINUTES * 60_000,
    windows: {
      zaloHours: c.ZALO_REPLY_WINDOW_HOURS,
      messengerHours: c.MESSENGER_WINDOW_HOURS,
      humanAgentHours: c.MESSENGER_HUMAN_AGENT_WINDOW_HOURS,
      humanAgentTag: c.MESSENGER_HUMAN_AGENT_TAG,
    },
  };
  cache.set(env, cfg);
  return cfg;
}
