import type { Card, Choice, OutboundMessage } from '../../src/core/model.ts';
import type { StoredActivity } from './store.ts';

export const BOT = { id: 'union-assistant', name: 'Trợ lý Công đoàn', role: 'bot' } as const;

/**
 * A tap must send the key (what the flow matches) while the user sees the label as their own
 * bubble: Web Chat's messageBack posts `value` and renders `displayText`, where imBack would post
 * the label as text and postBack would show nothing. `text` is needed too: Web Chat hides a user
 * message that has no text, whatever its displayText.
 */
function tapAction(label: string, key: string) {
  return { type: 'messageBack', title: label, displayText: label, text: label, value: key };
}

export interface ActivityContext {
  externalId: string;
  locale: string;
  replyToId?: string;
  timestamp: string;
}

/** One already-degraded OutboundMessage -> one bot activity (without id; that comes from seq). */
export function toActivity(message: OutboundMessage, ctx: ActivityContext): StoredActivity {
  const base = {
    type: 'message',
    from: BOT,
    conversation: { id: ctx.externalId },
    channelId: 'webchat',
    timestamp: ctx.timestamp,
    locale: ctx.locale,
    // Plain keeps the flows' line breaks (markdown would join them) and makes any markup inert.
    textFormat: 'plain',
    ...(ctx.replyToId ? { replyToId: ctx.replyToId } : {}),
  };
  switch (message.kind) {
    case 'text':
      return { ...base, text: message.text };
    case 'choices':
      return { ...base, text: message.text, suggestedActions: { actions: message.choices.map((c: Choice) => tapAction(c.label, c.key)) } };
    case 'cards':
      return {
        ...base,
        ...(message.text ? { text: message.text } : {}),
        attachmentLayout: message.cards.length > 1 ? 'carousel' : 'list',
        attachments: message.cards.map(heroCard),
      };
    case 'media':
      return {
        ...base,
        ...(message.caption ? { text: message.caption } : {}),
        attachments: [
          {
            contentType: message.mediaType === 'image' ? imageType(message.url) : 'application/octet-stream',
            contentUrl: message.url,
            ...(message.name ? { name: message.name } : {}),
          },
        ],
      };
    case 'request_contact':
      // degrade() turns this into text for web chat; kept total in case capabilities change.
      return { ...base, text: message.text };
  }
}

function heroCard(card: Card) {
  return {
    contentType: 'application/vnd.microsoft.card.hero',
    content: {
      title: card.title,
      ...(card.subtitle ? { subtitle: card.subtitle } : {}),
      ...(card.imageUrl ? { images: [{ url: card.imageUrl }] } : {}),
      buttons: (card.buttons ?? []).map((b) =>
        b.url ? { type: 'openUrl', title: b.label, value: b.url } : tapAction(b.label, b.key ?? b.label),
      ),
    },
  };
}

/** Web Chat picks its image renderer by content type; the URL's extension is all we know. */
function imageType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const known: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };
  return (ext && known[ext]) ?? 'image/jpeg';
}
