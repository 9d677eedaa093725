import type { InlineKeyboardButton, InlineKeyboardMarkup, Opts } from 'telegraf/types';
import type { Card, Choice, OutboundMessage } from '../../src/core/model.ts';
import { splitText } from '../../src/channels/render.ts';
import { TELEGRAM_LIMITS } from './capabilities.ts';

export type ApiCall =
  | { method: 'sendMessage'; payload: Opts<'sendMessage'> }
  | { method: 'sendPhoto'; payload: Opts<'sendPhoto'> }
  | { method: 'sendDocument'; payload: Opts<'sendDocument'> };

/**
 * The share-phone keyboard is one_time (it folds away once tapped), but a worker who types the
 * number instead leaves it open. Every message that has no keyboard of its own therefore
 * carries remove_keyboard: stateless, so it holds across processes and restarts, and a no-op
 * when no keyboard is shown. (A message can carry only one markup, so one with inline buttons
 * cannot also remove it; the next plain message does.)
 */
const REMOVE_KEYBOARD = { remove_keyboard: true } as const;

/** Labels this short sit two to a row (Có / Không); longer ones get the full width. */
const SHORT_LABEL = 14;

/** One already-degraded OutboundMessage -> the Bot API calls that show it, in order. */
export function toApiCalls(message: OutboundMessage, chatId: string): ApiCall[] {
  const text = (t: string, reply_markup: Opts<'sendMessage'>['reply_markup'] = REMOVE_KEYBOARD): ApiCall => ({
    method: 'sendMessage',
    payload: { chat_id: chatId, text: t, reply_markup },
  });
  switch (message.kind) {
    case 'text':
      return [text(message.text)];
    case 'choices':
      return [text(message.text, inlineKeyboard(message.choices))];
    case 'request_contact':
      return [
        text(message.text, {
          keyboard: [[{ text: message.buttonLabel, request_contact: true }]],
          resize_keyboard: true,
          one_time_keyboard: true,
        }),
      ];
    case 'cards':
      return [...(message.text ? [text(message.text)] : []), ...message.cards.flatMap((c) => cardCalls(c, chatId))];
    case 'media':
      return mediaCalls(message, chatId);
  }
}

export function inlineKeyboard(choices: Choice[]): InlineKeyboardMarkup {
  const buttons = choices.map((c): InlineKeyboardButton => ({ text: c.label, callback_data: c.key }));
  return { inline_keyboard: rows(buttons, choices.every((c) => [...c.label].length <= SHORT_LABEL) ? 2 : 1) };
}

function rows<T>(items: T[], perRow: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) out.push(items.slice(i, i + perRow));
  return out;
}

/** A tap button's payload: the key, or the label when a card gives neither key nor URL. */
const buttonKey = (b: NonNullable<Card['buttons']>[number]) => b.key ?? b.label;

/**
 * Whether cards can be shown natively: degrade() checks only their number, but every tap
 * button must fit callback_data and the button count our capabilities declare.
 */
export function cardsFit(message: OutboundMessage, maxButtons: number): boolean {
  if (message.kind !== 'cards') return true;
  return message.cards.every(
    (c) =>
      (c.buttons?.length ?? 0) <= maxButtons &&
      (c.buttons ?? []).every((b) => b.url !== undefined || Buffer.byteLength(buttonKey(b)) <= TELEGRAM_LIMITS.callbackData),
  );
}

/** A card is its picture (or text) with its buttons under it; Telegram has no carousel. */
function cardCalls(card: Card, chatId: string): ApiCall[] {
  const body = [card.title, card.subtitle].filter(Boolean).join('\n');
  const buttons = (card.buttons ?? []).map(
    (b): InlineKeyboardButton => (b.url ? { text: b.label, url: b.url } : { text: b.label, callback_data: buttonKey(b) }),
  );
  const reply_markup = buttons.length ? { inline_keyboard: rows(buttons, 1) } : REMOVE_KEYBOARD;
  if (card.imageUrl && [...body].length <= TELEGRAM_LIMITS.caption) {
    return [{ method: 'sendPhoto', payload: { chat_id: chatId, photo: card.imageUrl, caption: body, reply_markup } }];
  }
  const picture: ApiCall[] = card.imageUrl
    ? [{ method: 'sendPhoto', payload: { chat_id: chatId, photo: card.imageUrl, reply_markup: REMOVE_KEYBOARD } }]
    : [];
  const parts = splitText(body, TELEGRAM_LIMITS.text);
  return [
    ...picture,
    ...parts.map(
      (t, i): ApiCall => ({
        method: 'sendMessage',
        payload: { chat_id: chatId, text: t, reply_markup: i === parts.length - 1 ? reply_markup : REMOVE_KEYBOARD },
      }),
    ),
  ];
}

/**
 * Media by URL: Telegram fetches it itself (≤ 5 MB photos, ≤ 20 MB other files), so nothing
 * passes through this server. A caption over the 1,024-character limit follows as text.
 */
function mediaCalls(m: Extract<OutboundMessage, { kind: 'media' }>, chatId: string): ApiCall[] {
  const caption = m.caption && [...m.caption].length <= TELEGRAM_LIMITS.caption ? m.caption : undefined;
  const extra = { ...(caption ? { caption } : {}), reply_markup: REMOVE_KEYBOARD };
  const media: ApiCall =
    m.mediaType === 'image'
      ? { method: 'sendPhoto', payload: { chat_id: chatId, photo: m.url, ...extra } }
      : { method: 'sendDocument', payload: { chat_id: chatId, document: m.url, ...extra } };
  const overflow = m.caption && !caption ? splitText(m.caption, TELEGRAM_LIMITS.text) : [];
  return [
    media,
    ...overflow.map((t): ApiCall => ({ method: 'sendMessage', payload: { chat_id: chatId, text: t, reply_markup: REMOVE_KEYBOARD } })),
  ];
}
