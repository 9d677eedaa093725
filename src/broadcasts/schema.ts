import { z } from 'zod';
import { CHANNELS } from '../core/model.ts';

/**
 * What an officer writes when creating a broadcast, validated at the HTTP/CLI boundary and kept
 * as JSON on the broadcast row. Vietnamese content is required (the workers' language); English
 * falls back to it.
 */
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

// As stored: a system notice's picture may be http (the member card on the embedded default's
// http://localhost base, shown by the web chat); officers' pictures must be https (below).
const LocalContent = z.object({
  text: z.string().trim().min(1).max(2000),
  imageUrl: z.string().url().regex(/^https?:\/\//).optional(),
  link: z.string().url().optional(),
});
export type LocalContent = z.infer<typeof LocalContent>;

export const BroadcastContent = z.object({ vi: LocalContent, en: LocalContent.optional() });
export type BroadcastContent = z.infer<typeof BroadcastContent>;

/** What an officer may write: Zalo and Messenger fetch a picture only over https. */
const OfficerLocalContent = LocalContent.extend({ imageUrl: z.string().url().startsWith('https://').optional() });
export const OfficerBroadcastContent = z.object({ vi: OfficerLocalContent, en: OfficerLocalContent.optional() });

/** Who receives it. Every filter narrows; the creating officer's scope always applies on top. */
export const Audience = z.object({
  /** 'members' (default), 'non_members' (identities not linked to a member), or both */
  membership: z.enum(['members', 'non_members', 'all']).default('members'),
  /** org unit codes: each means its whole subtree */
  units: z.array(z.string().min(1)).max(500).optional(),
  /** province codes (org_unit.province_code) */
  provinces: z.array(z.string().min(1)).max(100).optional(),
  /** joined (members) / first contact (non-members) on or after this instant */
  registeredAfter: z.coerce.date().optional(),
  /** participants (any attempt) of this contest */
  contestId: z.string().min(1).optional(),
  /** custom list: member numbers, phone numbers (hashed on arrival) or keyed phone hashes */
  memberNos: z.array(z.string().min(1)).max(1_000_000).optional(),
  phoneHashes: z.array(z.string().min(1)).max(1_000_000).optional(),
  /** only these channels (default: every channel) */
  channels: z.array(Channel).min(1).optional(),
});
export type Audience = z.infer<typeof Audience>;

export const DEFAULT_ORDER: Channel[] = ['zalo', 'messenger', 'telegram', 'webchat'];

/** Per-channel rules the planner and the sender keep (platforms.md 1.7, 2.5, 3.7, 5.5). */
export const Policy = z.object({
  /** which channel wins when a person can be reached on several at the same level */
  order: z.array(Channel).min(1).default(DEFAULT_ORDER),
  zalo: z
    .object({
      /** proactive messages (outside the 48 h reply window, up to 7 days) this broadcast may use; 0 = none */
      proactiveQuota: z.number().int().min(0).default(0),
      /** per follower: broadcasts a day / a month (verified OA: 1 and 4) */
      dailyCap: z.number().int().min(1).default(1),
      monthlyCap: z.number().int().min(1).default(4),
    })
    .default({ proactiveQuota: 0, dailyCap: 1, monthlyCap: 4 }),
  /** share of each channel's configured rate a broadcast may take: the rest stays for live replies */
  rateShare: z.number().min(0.05).max(1).default(0.8),
  /**
   * System notices only (src/broadcasts/notify.ts): the Messenger message tag this notice may use
   * outside the 24 h window. Tags are for non-promotional 1:1 updates (platforms.md 2.5), so an
   * officer's broadcast can never carry one (OfficerPolicy drops it).
   */
  messengerTag: z.enum(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE']).optional(),
});
export type Policy = z.infer<typeof Policy>;
export type MessengerNoticeTag = NonNullable<Policy['messengerTag']>;

/** What an officer may set: everything but a message tag. */
export const OfficerPolicy = Policy.omit({ messengerTag: true });

export const CreateBroadcast = z.object({
  title: z.string().trim().min(1).max(200),
  content: OfficerBroadcastContent,
  audience: Audience.default({ membership: 'members' }),
  policy: OfficerPolicy.default({} as never),
  scheduledAt: z.coerce.date().optional(),
});
export type CreateBroadcast = z.infer<typeof CreateBroadcast>;

export const BROADCAST_STATUSES = ['draft', 'planned', 'scheduled', 'sending', 'paused', 'cancelled', 'done'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Why a recipient is skipped or waits: stable codes, translated in locales/<lang>/broadcasts.json. */
export const REASONS = [
  'no_channel',
  'unfollowed',
  'zalo_window_closed',
  'zalo_no_quota',
  'zalo_daily_cap',
  'zalo_monthly_cap',
  'messenger_window_closed',
  'cancelled',
  'delivery_failed',
] as const;
export type Reason = (typeof REASONS)[number];
