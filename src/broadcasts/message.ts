import type { OutboundMessage } from '../core/model.ts';
import type { BroadcastContent, LocalContent } from './schema.ts';

/** The broadcast as one outbound message in the worker's language (English falls back to Vietnamese). */
export function broadcastMessage(content: BroadcastContent, locale: string): OutboundMessage {
  const c: LocalContent = locale === 'en' && content.en ? content.en : content.vi;
  const text = c.link ? `${c.text}\n${c.link}` : c.text;
  // One message, so one outbox row per recipient: a picture carries the text as its caption,
  // and each adapter degrades it (a caption too long becomes a picture plus a text).
  return c.imageUrl ? { kind: 'media', mediaType: 'image', url: c.imageUrl, caption: text } : { kind: 'text', text };
}
