import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { InboundEvent } from '../../src/core/model.ts';
import type { TokenClaims } from './token.ts';
import type { StoredActivity } from './store.ts';

export const MAX_TEXT = 4096;
export const JOIN_EVENT = 'webchat/join';

/**
 * What a client may post. Only the fields we use are kept (zod strips the rest): `from` in
 * particular is ignored, the user is the token's.
 */
export const PostedActivity = z.object({
  type: z.enum(['message', 'event', 'typing']),
  id: z.string().max(128).optional(),
  name: z.string().max(128).optional(),
  text: z.string().max(MAX_TEXT, { message: `Tin nhắn quá dài: tối đa ${MAX_TEXT} ký tự.` }).optional(),
  locale: z.string().max(35).optional(),
  value: z.unknown().optional(),
  channelData: z
    .object({
      clientActivityID: z.string().min(1).max(128).optional(),
      messageBack: z.object({ displayText: z.string().max(MAX_TEXT).optional() }).optional(),
      postBack: z.boolean().optional(),
    })
    .optional(),
});
export type PostedActivity = z.infer<typeof PostedActivity>;

export type ParseResult = { ok: true; event: InboundEvent } | { ok: false; error: string; message: string };

/**
 * Posted activity -> InboundEvent. A tap on one of our suggested actions arrives as a messageBack
 * (or a card's postBack) whose value is the choice key; everything else typed is text.
 */
export function toInboundEvent(a: PostedActivity, claims: TokenClaims, occurredAt: number): ParseResult {
  const clientId = a.channelData?.clientActivityID ?? a.id ?? randomUUID();
  const base = {
    channel: 'webchat' as const,
    accountId: claims.site,
    platformUserId: claims.user,
    conversationExternalId: claims.conv,
    platformMessageId: clientId,
    dedupeKey: `webchat:${claims.site}:${claims.conv}:${clientId}`,
    occurredAt,
    ...(a.locale ? { locale: a.locale } : {}),
  };

  if (a.type === 'event') {
    if (a.name !== JOIN_EVENT) return { ok: false, error: 'unsupported_event', message: `Sự kiện không được hỗ trợ: ${a.name ?? '(không tên)'}` };
    // One greeting per conversation, however many tabs or retries post the join.
    return { ok: true, event: { ...base, kind: 'start', dedupeKey: `webchat:${claims.site}:${claims.conv}:join` } };
  }

  const choiceKey = choiceKeyOf(a);
  // A postBack is invisible in Web Chat; its echo must stay so (an echo without text is hidden).
  const shown = a.channelData?.postBack ? undefined : (a.channelData?.messageBack?.displayText ?? a.text);
  if (choiceKey !== undefined) {
    return { ok: true, event: { ...base, kind: 'choice', choiceKey, ...(shown ? { text: shown } : {}) } };
  }
  const text = a.text?.trim();
  if (!text) return { ok: false, error: 'empty_message', message: 'Tin nhắn trống.' };
  return { ok: true, event: { ...base, kind: 'text', text } };
}

function choiceKeyOf(a: PostedActivity): string | undefined {
  const v = a.value;
  let key: unknown;
  if (typeof v === 'string') key = v;
  else if (typeof v === 'object' && v && 'choiceKey' in v) key = (v as { choiceKey: unknown }).choiceKey;
  // Web Chat posts a postBack whose value is a string as `text`, with no value.
  else if (v === undefined && a.channelData?.postBack === true) key = a.text;
  const tapped = a.channelData?.messageBack !== undefined || a.channelData?.postBack === true;
  return tapped && typeof key === 'string' && key.length > 0 && Buffer.byteLength(key) <= 256 ? key : undefined;
}

/**
 * The user's own activity as the conversation shows it back. Built from the InboundEvent alone so
 * that the adapter's send() can rebuild the very same echo from the inbox if the post handler has
 * not written it yet (it must precede the bot's answer). Web Chat matches it to its pending bubble
 * by clientActivityID and shows messageBack.displayText in place of the text.
 */
export function echoFromEvent(event: InboundEvent): StoredActivity {
  const common = {
    from: { id: event.platformUserId, role: 'user' },
    conversation: { id: event.conversationExternalId },
    channelId: 'webchat',
    timestamp: new Date(event.occurredAt).toISOString(),
    ...(event.locale ? { locale: event.locale } : {}),
  };
  const clientActivityID = event.platformMessageId;
  switch (event.kind) {
    case 'start':
      return { ...common, type: 'event', name: JOIN_EVENT, channelData: { clientActivityID } };
    case 'choice':
      return {
        ...common,
        type: 'message',
        text: event.text ?? '',
        value: event.choiceKey,
        channelData: { clientActivityID, messageBack: { displayText: event.text ?? '' } },
      };
    default:
      return { ...common, type: 'message', text: event.text ?? '', textFormat: 'plain', channelData: { clientActivityID } };
  }
}
