import { degrade, splitText } from '../../src/channels/render.ts';
import type { ChannelCapabilities } from '../../src/channels/types.ts';
import type { Card, OutboundMessage } from '../../src/core/model.ts';
import { LIMITS } from './capabilities.ts';

/** The `message` object of one Send API call. */
export type SendMessage = Record<string, unknown>;

/**
 * One OutboundMessage -> the `message` objects of the Send API calls that show it, in order.
 * degrade() has already made choices fit (or numbered text) and split long texts; what is left
 * here is Messenger's own shape: quick replies ride on the last text bubble, a card becomes a
 * template, a picture's caption follows it as its own bubble (attachments have no caption).
 */
export function toSendMessages(message: OutboundMessage, caps: ChannelCapabilities): SendMessage[] {
  return degrade(message, caps).flatMap((part) => render(part, caps));
}

function render(m: OutboundMessage, caps: ChannelCapabilities): SendMessage[] {
  switch (m.kind) {
    case 'text':
      return texts(m.text);
    case 'choices':
      return withLast(texts(m.text), {
        quick_replies: m.choices.map((c) => ({ content_type: 'text', title: c.label, payload: c.key })),
      });
    case 'request_contact':
      // Messenger pre-fills the button with the number on the worker's profile (and hides it when
      // there is none), so the button label of the flow has no place here: the text asks.
      return withLast(texts(m.text), { quick_replies: [{ content_type: 'user_phone_number' }] });
    case 'cards':
      if (!m.cards.every(fitsTemplate)) return degrade(m, { ...caps, cards: { ...caps.cards, native: false } }).flatMap((p) => render(p, caps));
      return [...(m.text ? texts(m.text) : []), template(m.cards)];
    case 'media':
      return [
        { attachment: { type: m.mediaType === 'image' ? 'image' : 'file', payload: { url: m.url, is_reusable: true } } },
        ...(m.caption ? texts(m.caption) : []),
      ];
  }
}

function texts(text: string): SendMessage[] {
  return splitText(text, LIMITS.text)
    .filter((t) => t.trim())
    .map((t) => ({ text: t }));
}

/** Quick replies attach to the last bubble; a text Messenger would refuse as empty still carries them. */
function withLast(parts: SendMessage[], extra: SendMessage): SendMessage[] {
  if (!parts.length) return [{ text: '…', ...extra }];
  return parts.map((p, i) => (i === parts.length - 1 ? { ...p, ...extra } : p));
}

// Buttons beyond three would be silently lost, and a key over 1000 characters refused: those cards
// go out as the numbered text instead.
function fitsTemplate(card: Card): boolean {
  const buttons = card.buttons ?? [];
  return buttons.length <= LIMITS.buttonsPerElement && buttons.every((b) => b.url || Buffer.byteLength(b.key ?? b.label) <= LIMITS.payload);
}

function template(cards: Card[]): SendMessage {
  const only = cards.length === 1 ? cards[0]! : undefined;
  const buttonText = only ? [only.title, only.subtitle].filter(Boolean).join('\n') : '';
  // A single card without a picture reads better as a button template: a text with buttons under it.
  if (only && !only.imageUrl && only.buttons?.length && [...buttonText].length <= LIMITS.buttonTemplateText) {
    return { attachment: { type: 'template', payload: { template_type: 'button', text: buttonText, buttons: only.buttons.map(button) } } };
  }
  return {
    attachment: {
      type: 'template',
      payload: {
        template_type: 'generic',
        elements: cards.map((c) => ({
          title: clip(c.title, LIMITS.elementTitle),
          ...(c.subtitle ? { subtitle: clip(c.subtitle, LIMITS.elementSubtitle) } : {}),
          ...(c.imageUrl ? { image_url: c.imageUrl } : {}),
          ...(c.buttons?.length ? { buttons: c.buttons.map(button) } : {}),
        })),
      },
    },
  };
}

function button(b: NonNullable<Card['buttons']>[number]) {
  const title = clip(b.label, LIMITS.buttonTitle);
  return b.url ? { type: 'web_url', url: b.url, title } : { type: 'postback', title, payload: b.key ?? b.label };
}

/** Meta cuts long titles itself; cutting here keeps the ellipsis where the reader expects it. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
