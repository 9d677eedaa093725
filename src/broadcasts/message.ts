import type { OutboundMessage } from '../core/model.ts';
import type { Keyring } from '../security/crypto.ts';
import { BroadcastContent, type LocalContent } from './schema.ts';
import { isSealedContent, type SealedContent } from './store.ts';

/** The content as written, opening a notice's sealed content. */
export function openContent(keyring: Keyring, content: BroadcastContent | SealedContent): BroadcastContent {
  return isSealedContent(content) ? BroadcastContent.parse(JSON.parse(keyring.open(content.sealed))) : content;
}

export function sealContent(keyring: Keyring, content: BroadcastContent): SealedContent {
  return { sealed: keyring.seal(JSON.stringify(content)) };
}

/** The broadcast as one outbound message in the worker's language (English falls back to Vietnamese). */
export function broadcastMessage(content: BroadcastContent, locale: string): OutboundMessage {
  const c: LocalContent = locale === 'en' && content.en ? content.en : content.vi;
  const text = c.link ? `${c.text}\n${c.link}` : c.text;
  // One message, so one outbox row per recipient: a picture carries the text as its caption,
  // and each adapter degrades it (a caption too long becomes a picture plus a text).
  return c.imageUrl ? { kind: 'media', mediaType: 'image', url: c.imageUrl, caption: text } : { kind: 'text', text };
}
