import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundAttachment, InboundEvent } from '../../src/core/model.ts';

/** The postback payload the Get Started button carries (set by `messenger:setup-profile`). */
export const GET_STARTED = 'GET_STARTED';

// Meta's newer reference pages say every property "is a string" and show a timestamp in seconds
// ("1527459824"), while the older ones show numbers in milliseconds: accept both.
const Id = z.union([z.string().min(1), z.number()]).transform(String);
const Stamp = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .transform((n) => (n < 1e12 ? n * 1000 : n));

const Party = z.object({ id: Id.optional(), user_ref: z.string().optional() });
const Referral = z.object({ ref: z.string().optional(), source: z.string().optional(), type: z.string().optional() });
const Attachment = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      sticker_id: Id.optional(),
      title: z.string().optional(),
      coordinates: z.object({ lat: z.coerce.number(), long: z.coerce.number() }).optional(),
    })
    .nullish(),
  // `fallback` (a shared link) may carry the link here instead of in the payload
  url: z.string().optional(),
  title: z.string().optional(),
});
const Message = z.object({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  quick_reply: z.object({ payload: Id }).optional(),
  attachments: z.array(Attachment).optional(),
});
const Messaging = z.object({
  sender: Party,
  recipient: Party,
  timestamp: Stamp.optional(),
  message: Message.optional(),
  postback: z.object({ mid: z.string().optional(), title: z.string().optional(), payload: Id.optional(), referral: Referral.optional() }).optional(),
  referral: Referral.optional(),
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: Stamp }).optional(),
  read: z.object({ watermark: Stamp }).optional(),
});
type Messaging = z.infer<typeof Messaging>;

/** The envelope only: items inside are checked one by one so one odd event does not lose the batch. */
export const Envelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: Id,
      time: Stamp.optional(),
      messaging: z.array(z.unknown()).optional(),
      // `standby` (thread owned by another app, e.g. Page Inbox) is not ours to answer
      standby: z.array(z.unknown()).optional(),
    }),
  ),
});
export type Envelope = z.infer<typeof Envelope>;

export interface ParsedBatch {
  events: InboundEvent[];
  /** items that were malformed or of a kind we do not record (reactions, optins, handovers...) */
  skipped: Array<{ pageId: string; reason: string }>;
}

// The user_phone_number quick reply returns the number as its payload; our own payloads are choice
// keys, which are never a bare 7–15 digit number.
const PHONE_PAYLOAD = /^\+?\d{7,15}$/;

export function toInboundEvents(envelope: Envelope, now: number): ParsedBatch {
  const out: ParsedBatch = { events: [], skipped: [] };
  for (const entry of envelope.entry) {
    for (const item of entry.messaging ?? []) {
      const parsed = Messaging.safeParse(item);
      if (!parsed.success) {
        out.skipped.push({ pageId: entry.id, reason: `malformed: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}` });
        continue;
      }
      const event = toEvent(parsed.data, entry.id, parsed.data.timestamp ?? entry.time ?? now);
      if (typeof event === 'string') out.skipped.push({ pageId: entry.id, reason: event });
      else out.events.push(event);
    }
  }
  return out;
}

/** One messaging item -> an event, or the reason it is not recorded. */
function toEvent(m: Messaging, pageId: string, occurredAt: number): InboundEvent | string {
  const echo = m.message?.is_echo === true;
  // For an echo the Page is the sender and the worker the recipient.
  const psid = echo ? m.recipient.id : m.sender.id;
  if (!psid) return 'no PSID (user_ref senders from the chat plugin are not supported)';
  const base = { channel: 'messenger' as const, accountId: pageId, platformUserId: psid, conversationExternalId: psid, occurredAt };
  const key = (suffix: string) => `fb:${pageId}:${suffix}`;
  const hashed = (kind: string, ...parts: Array<string | number | undefined>) => key(`${kind}:${digest(psid, ...parts)}`);

  if (m.message) {
    const msg = m.message;
    const ids = { dedupeKey: key(msg.mid), platformMessageId: msg.mid };
    const text = msg.text?.trim() || undefined;
    if (echo) return { ...base, ...ids, kind: 'echo', ...(text ? { text } : {}) };
    if (msg.quick_reply) {
      const payload = msg.quick_reply.payload;
      const phone = payload.replace(/[\s().-]/g, '');
      if (PHONE_PAYLOAD.test(phone)) return { ...base, ...ids, kind: 'contact', contact: { phone } };
      return { ...base, ...ids, kind: 'choice', choiceKey: payload, ...(text ? { text } : {}) };
    }
    if (msg.attachments?.length) return attachmentEvent(msg.attachments, { ...base, ...ids }, text);
    if (text) return { ...base, ...ids, kind: 'text', text };
    return 'message without text or attachments';
  }

  if (m.postback) {
    const pb = m.postback;
    const dedupeKey = pb.mid ? key(pb.mid) : hashed('pb', occurredAt, pb.payload);
    const ids = { dedupeKey, ...(pb.mid ? { platformMessageId: pb.mid } : {}) };
    // Meta gives the payload only to the app whose button it was.
    if (pb.payload === undefined) return 'postback of another app';
    if (pb.payload === GET_STARTED) {
      const ref = pb.referral?.ref;
      return { ...base, ...ids, kind: 'start', ...(ref ? { choiceKey: ref } : {}) };
    }
    return { ...base, ...ids, kind: 'choice', choiceKey: pb.payload, ...(pb.title ? { text: pb.title } : {}) };
  }

  if (m.referral) {
    // An existing thread reopened from an m.me link, ad or QR code: the ref is the deep link.
    const ref = m.referral.ref;
    return { ...base, dedupeKey: hashed('ref', occurredAt, ref, m.referral.source), kind: 'start', ...(ref ? { choiceKey: ref } : {}) };
  }

  if (m.delivery) {
    const mids = m.delivery.mids ?? [];
    return {
      ...base,
      occurredAt: m.delivery.watermark,
      dedupeKey: hashed('dlv', m.delivery.watermark, ...mids),
      kind: 'delivery',
      ...(mids.length ? { platformMessageId: mids[mids.length - 1] } : {}),
    };
  }

  if (m.read) return { ...base, dedupeKey: hashed('read', m.read.watermark), kind: 'read' };

  return 'event kind not recorded';
}

type EventBase = Pick<InboundEvent, 'channel' | 'accountId' | 'platformUserId' | 'conversationExternalId' | 'occurredAt' | 'dedupeKey' | 'platformMessageId'>;

function attachmentEvent(list: Array<z.infer<typeof Attachment>>, base: EventBase, text: string | undefined): InboundEvent | string {
  const located = list.find((a) => a.type === 'location' && a.payload?.coordinates);
  if (located?.payload?.coordinates) {
    const { lat, long } = located.payload.coordinates;
    return { ...base, kind: 'location', location: { lat, lng: long }, ...(text ? { text } : {}) };
  }
  const attachments = list.map(toAttachment).filter((a) => a !== null);
  if (!attachments.length && !text) return 'attachments of unsupported types only';
  return { ...base, kind: 'media', attachments, ...(text ? { text } : {}) };
}

function toAttachment(a: z.infer<typeof Attachment>): InboundAttachment | null {
  const url = a.payload?.url ?? a.url;
  const withUrl = url ? { url } : {};
  switch (a.type) {
    case 'image':
      // Until 2026-08-30 a sticker also arrives as an image carrying a sticker_id (platforms.md 2.3).
      return { type: a.payload?.sticker_id ? 'sticker' : 'image', ...withUrl };
    case 'sticker':
    case 'video':
    case 'audio':
    case 'file':
      return { type: a.type, ...withUrl };
    default:
      // fallback (shared link), reel, template...: what the worker shared is the URL, if any
      return url ? { type: 'link', url, ...(a.title ?? a.payload?.title ? { name: a.title ?? a.payload?.title } : {}) } : null;
  }
}

function digest(...parts: Array<string | number | undefined>): string {
  return createHash('sha256').update(parts.map((p) => String(p ?? '')).join('|')).digest('hex').slice(0, 32);
}
