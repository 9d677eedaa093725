import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundAttachment, InboundEvent } from '../../src/core/model.ts';

/**
 * Zalo webhook bodies → InboundEvent (platforms.md §1.4.3, §1.4.4). Ids are kept as strings
 * (json.ts keeps long bare integers exact). Only the fields we use are declared; zod drops the rest.
 */
const Id = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);
const Timestamp = z.union([z.string().regex(/^\d{10,16}$/), z.number().int().positive()]).transform(String);

export const Envelope = z.object({
  app_id: Id,
  event_name: z.string().min(1).max(100),
  timestamp: Timestamp,
});

const Payload = z.object({
  url: z.string().max(4096).optional(),
  thumbnail: z.string().max(4096).optional(),
  name: z.string().max(1024).optional(),
  size: z.union([z.string(), z.number()]).optional(),
  description: z.string().max(4096).optional(),
  coordinates: z.object({ latitude: z.union([z.string(), z.number()]), longitude: z.union([z.string(), z.number()]) }).optional(),
});

const Attachment = z.object({ type: z.string().max(50), payload: Payload.optional() });

const Message = z.object({
  msg_id: Id.optional(),
  text: z.string().max(20_000).optional(),
  attachments: z.array(Attachment).max(20).optional(),
});

const Party = z.object({ id: Id });

const UserEvent = z.object({ sender: Party, recipient: Party, message: Message.extend({ msg_id: Id }) });
const EchoEvent = z.object({ sender: Party, recipient: Party, message: Message.optional() });
const FollowEvent = z.object({ oa_id: Id, follower: Party });
const SubmitInfoEvent = z.object({
  sender: Party,
  recipient: Party,
  info: z.object({ phone: z.union([z.string().max(32), z.number()]).optional(), name: z.string().max(200).optional() }).optional(),
});
const ReceivedEvent = z.object({ sender: Party, recipient: Party, message: z.object({ msg_id: Id.optional() }).optional() });
const SeenEvent = z.object({ sender: Party, recipient: Party, message: z.object({ msg_ids: z.array(Id).max(500) }) });

const MEDIA: Record<string, InboundAttachment['type']> = {
  user_send_image: 'image',
  user_send_gif: 'image',
  user_send_file: 'file',
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_sticker: 'sticker',
  user_send_link: 'link',
};

/** What to tick in the developer console's webhook settings; other events are answered 200 and dropped. */
export const HANDLED_EVENTS = [
  'user_send_text',
  ...Object.keys(MEDIA),
  'user_send_location',
  'user_submit_info',
  'follow',
  'unfollow',
  'user_received_message',
  'user_seen_message',
  'oa_send_text',
  'oa_send_image',
  'oa_send_gif',
  'oa_send_file',
  'oa_send_sticker',
  'oa_send_list',
] as const;

export type ParseOutcome =
  | { status: 'events'; oaId: string; events: InboundEvent[] }
  /** an event we do not handle: answered 200, nothing stored */
  | { status: 'ignored'; eventName: string }
  | { status: 'invalid'; reason: string };

interface Base {
  appId: string;
  eventName: string;
  timestamp: string;
}

export function toInboundEvents(body: unknown): ParseOutcome {
  const env = Envelope.safeParse(body);
  if (!env.success) return { status: 'invalid', reason: issues(env.error) };
  const base: Base = { appId: env.data.app_id, eventName: env.data.event_name, timestamp: env.data.timestamp };
  const name = base.eventName;

  if (name === 'user_send_text' || name === 'user_send_location' || name in MEDIA) return userMessage(body, base);
  if (name.startsWith('oa_send_')) return echo(body, base);
  switch (name) {
    case 'follow':
    case 'unfollow':
      return follow(body, base, name);
    case 'user_submit_info':
      return submitInfo(body, base);
    case 'user_received_message':
      return received(body, base);
    case 'user_seen_message':
      return seen(body, base);
    default:
      return { status: 'ignored', eventName: name };
  }
}

function userMessage(body: unknown, base: Base): ParseOutcome {
  const p = UserEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  const { sender, recipient, message } = p.data;
  const common = event(base, recipient.id, sender.id, message.msg_id);
  const text = message.text;

  if (base.eventName === 'user_send_text') return one(recipient.id, { ...common, kind: 'text', text: text ?? '' });
  if (base.eventName === 'user_send_location') {
    const c = message.attachments?.find((a) => a.type === 'location')?.payload?.coordinates;
    const lat = Number(c?.latitude);
    const lng = Number(c?.longitude);
    if (!c || !Number.isFinite(lat) || !Number.isFinite(lng)) return { status: 'invalid', reason: 'location without coordinates' };
    return one(recipient.id, { ...common, kind: 'location', location: { lat, lng } });
  }
  const attachments = (message.attachments ?? []).map((a) => attachment(MEDIA[base.eventName]!, a));
  return one(recipient.id, { ...common, kind: 'media', attachments, ...(text ? { text } : {}) });
}

/** The OA's own messages, including what an officer typed in the OA admin console. */
function echo(body: unknown, base: Base): ParseOutcome {
  const p = EchoEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  const { sender, recipient, message } = p.data;
  const attachments = (message?.attachments ?? []).map((a) => attachment(attachmentType(a.type), a));
  return one(sender.id, {
    ...event(base, sender.id, recipient.id, message?.msg_id),
    kind: 'echo',
    ...(message?.text ? { text: message.text } : {}),
    ...(attachments.length ? { attachments } : {}),
  });
}

/**
 * A follow opens the conversation (kind 'start', like Messenger's Get Started): the worker gets
 * the greeting and the menu instead of "not understood" for an empty message. An unfollow is
 * recorded and never answered.
 */
function follow(body: unknown, base: Base, name: 'follow' | 'unfollow'): ParseOutcome {
  const p = FollowEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  return one(p.data.oa_id, { ...event(base, p.data.oa_id, p.data.follower.id, undefined), kind: name === 'follow' ? 'start' : 'unfollow' });
}

/** The worker submitted the request_user_info form: its phone fills a phone step like a shared contact. */
function submitInfo(body: unknown, base: Base): ParseOutcome {
  const p = SubmitInfoEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  const { sender, recipient, info } = p.data;
  const phone = info?.phone === undefined ? '' : normalizePhone(String(info.phone));
  return one(recipient.id, {
    ...event(base, recipient.id, sender.id, undefined),
    kind: 'contact',
    // Without a phone (the worker cleared the field) the phone step sees no answer and asks again.
    ...(phone ? { contact: { phone } } : {}),
  });
}

function received(body: unknown, base: Base): ParseOutcome {
  const p = ReceivedEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  const { sender, recipient, message } = p.data;
  const e = event(base, sender.id, recipient.id, message?.msg_id, 'delivered');
  return one(sender.id, { ...e, kind: 'delivery' });
}

/** One read event per message: msg_ids is a list, each of our messages gets its own receipt. */
function seen(body: unknown, base: Base): ParseOutcome {
  const p = SeenEvent.safeParse(body);
  if (!p.success) return { status: 'invalid', reason: issues(p.error) };
  const { sender, recipient, message } = p.data;
  return {
    status: 'events',
    oaId: sender.id,
    events: [...new Set(message.msg_ids)].map((id) => ({ ...event(base, sender.id, recipient.id, id, 'seen'), kind: 'read' as const })),
  };
}

/**
 * dedupeKey `zalo:<oa>:<msg_id>` (platforms.md §5.1). A receipt carries the id of OUR message,
 * the same id as its echo, so receipts get a suffix; events without an id hash what identifies them.
 */
function event(base: Base, oaId: string, userId: string, msgId: string | undefined, suffix?: string): Omit<InboundEvent, 'kind'> {
  const id = msgId ?? createHash('sha256').update(base.appId + base.eventName + userId + base.timestamp).digest('hex');
  return {
    channel: 'zalo',
    accountId: oaId,
    platformUserId: userId,
    conversationExternalId: userId,
    dedupeKey: `zalo:${oaId}:${id}${suffix ? `:${suffix}` : ''}`,
    ...(msgId ? { platformMessageId: msgId } : {}),
    occurredAt: Number(base.timestamp),
  };
}

function one(oaId: string, e: InboundEvent): ParseOutcome {
  return { status: 'events', oaId, events: [e] };
}

function attachment(type: InboundAttachment['type'], a: z.infer<typeof Attachment>): InboundAttachment {
  const p = a.payload ?? {};
  const size = p.size === undefined ? NaN : Number(p.size);
  return {
    type,
    ...(p.url ? { url: p.url } : {}),
    ...(p.name ? { name: p.name } : {}),
    ...(Number.isFinite(size) ? { size } : {}),
  };
}

function attachmentType(t: string): InboundAttachment['type'] {
  return t === 'gif' ? 'image' : (['image', 'file', 'audio', 'video', 'sticker', 'link'] as const).find((x) => x === t) ?? 'file';
}

/** Zalo sends 84xxxxxxxxx; the phone step stores E.164. */
export function normalizePhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (/^84\d{9,10}$/.test(digits)) return `+${digits}`;
  return raw.trim();
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
