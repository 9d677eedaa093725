import { z } from 'zod';
import type { CallbackQuery, Message, Update } from 'telegraf/types';
import type { InboundAttachment, InboundEvent } from '../../src/core/model.ts';
import { FILE_REF_PREFIX } from './media.ts';

/**
 * What we read of an Update (core.telegram.org/bots/api#update). Only the fields used are
 * declared; zod drops the rest, and optional fields stay optional so a new Bot API version
 * adding fields never turns a real update into a 400.
 */
const User = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string(),
  last_name: z.string().optional(),
  language_code: z.string().max(35).optional(),
});

// A string, not an enum: an unknown future chat type is ignored, not rejected.
const Chat = z.object({ id: z.number().int(), type: z.string() });

const File = z.object({
  file_id: z.string(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().optional(),
});

const TgMessage = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  contact: z.object({ phone_number: z.string().max(64), user_id: z.number().int().optional() }).optional(),
  photo: z.array(File).optional(),
  document: File.optional(),
  audio: File.optional(),
  voice: File.optional(),
  video: File.optional(),
  video_note: File.optional(),
  animation: File.optional(),
  sticker: File.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});

const InlineKeyboard = z.object({
  inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string().optional() }))),
});

const TgCallbackQuery = z.object({
  id: z.string(),
  from: User,
  // absent for buttons on inline-mode messages; date 0 when the message is too old to access
  message: z.object({ message_id: z.number().int(), chat: Chat, reply_markup: InlineKeyboard.optional() }).optional(),
  data: z.string().optional(),
});

export const TgUpdate = z.object({
  update_id: z.number().int().nonnegative(),
  message: TgMessage.optional(),
  edited_message: z.unknown().optional(),
  callback_query: TgCallbackQuery.optional(),
});
export type TgUpdate = z.infer<typeof TgUpdate>;

// Compile-time guard that the schema accepts what telegraf's Bot API types describe.
type Accepts<Schema extends z.ZodType, T extends z.input<Schema>> = T;
export type _MessageFits = Accepts<typeof TgMessage, Message>;
export type _CallbackFits = Accepts<typeof TgCallbackQuery, CallbackQuery>;
export type _UpdateFits = Accepts<typeof TgUpdate, Update.MessageUpdate | Update.CallbackQueryUpdate | Update.EditedMessageUpdate>;

export interface Normalized {
  events: InboundEvent[];
  /** a tapped inline button, to be answered so the client stops its progress spinner */
  callbackQueryId?: string;
  /** why nothing was handed to the pipeline (logged at debug) */
  ignored?: string;
}

export interface InboundContext {
  botId: string;
  now(): number;
}

/**
 * Update -> InboundEvent. Only private chats are served: the bot is a personal advisor and a
 * group would expose a worker's answers (phone, CCCD) to everyone in it, so group, supergroup
 * and channel updates are acknowledged and dropped. Edited messages are dropped as well: the
 * flow has already moved on from the answer being edited.
 */
export function normalizeUpdate(update: TgUpdate, ctx: InboundContext): Normalized {
  const dedupeKey = `tg:${ctx.botId}:${update.update_id}`;
  if (update.message) return fromMessage(update.message, dedupeKey, ctx);
  if (update.callback_query) return fromCallback(update.callback_query, dedupeKey, ctx);
  return { events: [], ignored: update.edited_message !== undefined ? 'edited message' : 'unsupported update type' };
}

type TgMessage = z.infer<typeof TgMessage>;
type TgUser = z.infer<typeof User>;

function base(from: TgUser, chatId: number, dedupeKey: string, ctx: InboundContext) {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return {
    channel: 'telegram' as const,
    accountId: ctx.botId,
    platformUserId: String(from.id),
    conversationExternalId: String(chatId),
    dedupeKey,
    ...(displayName ? { displayName } : {}),
    ...(from.language_code ? { locale: from.language_code } : {}),
  };
}

function fromMessage(m: TgMessage, dedupeKey: string, ctx: InboundContext): Normalized {
  if (m.chat.type !== 'private') return { events: [], ignored: `${m.chat.type} chat` };
  if (!m.from || m.from.is_bot) return { events: [], ignored: 'not from a person' };
  const common = { ...base(m.from, m.chat.id, dedupeKey, ctx), platformMessageId: String(m.message_id), occurredAt: m.date * 1000 };
  const event = (e: Pick<InboundEvent, 'kind'> & Partial<InboundEvent>): Normalized => ({ events: [{ ...common, ...e }] });

  if (m.text !== undefined) {
    const command = parseCommand(m.text);
    // /start opens the chat (also a deep link `/start <payload>`); the flow greets. Other
    // commands stay text so the engine's global commands (/menu, /help, /cancel...) catch them.
    if (command?.name === 'start') return event({ kind: 'start' });
    return event({ kind: 'text', text: command ? command.text : m.text });
  }
  if (m.contact) {
    // Only the worker's own number (the request_contact button) is taken: a forwarded contact
    // card is someone else's phone and must not end up in a membership application. The turn
    // still runs, without a phone, so the step asks again instead of staying silent.
    const own = m.contact.user_id !== undefined && m.contact.user_id === m.from.id;
    return event({ kind: 'contact', ...(own ? { contact: { phone: international(m.contact.phone_number) } } : {}) });
  }
  const attachment = attachmentOf(m);
  if (attachment) return event({ kind: 'media', attachments: [attachment], ...(m.caption ? { text: m.caption } : {}) });
  if (m.location) return event({ kind: 'location', location: { lat: m.location.latitude, lng: m.location.longitude } });
  return { events: [], ignored: 'unsupported message content' };
}

function fromCallback(q: z.infer<typeof TgCallbackQuery>, dedupeKey: string, ctx: InboundContext): Normalized {
  const answer = { callbackQueryId: q.id };
  if (!q.message) return { ...answer, events: [], ignored: 'inline-mode button' };
  if (q.message.chat.type !== 'private') return { ...answer, events: [], ignored: `${q.message.chat.type} chat` };
  if (q.data === undefined || q.data === '') return { ...answer, events: [], ignored: 'button without data' };
  // The label the worker tapped, for the transcript and for matching a button of an older menu.
  const label = q.message.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === q.data)?.text;
  return {
    ...answer,
    events: [
      {
        ...base(q.from, q.message.chat.id, dedupeKey, ctx),
        platformMessageId: q.id,
        kind: 'choice',
        choiceKey: q.data,
        ...(label ? { text: label } : {}),
        // a tap has no date of its own (message.date is when the keyboard was sent)
        occurredAt: ctx.now(),
      },
    ],
  };
}

/** `/menu@UnionBot extra` -> { name: 'menu', text: '/menu extra' }; in a private chat any @ suffix names this bot. */
export function parseCommand(text: string): { name: string; text: string } | null {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const rest = m[2]?.trim();
  return { name, text: rest ? `/${name} ${rest}` : `/${name}` };
}

/** Telegram gives contact numbers in international form, usually without the '+'. */
function international(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? `+${compact}` : compact;
}

function attachmentOf(m: TgMessage): InboundAttachment | undefined {
  // file_id is only usable with our token (getFile): it is the ref media.ts downloads by.
  const described = (type: InboundAttachment['type'], f: z.infer<typeof File>): InboundAttachment => ({
    type,
    url: `${FILE_REF_PREFIX}${f.file_id}`,
    ...(f.file_name ? { name: f.file_name } : {}),
    ...(f.mime_type ? { mime: f.mime_type } : {}),
    ...(f.file_size !== undefined ? { size: f.file_size } : {}),
  });
  if (m.photo?.length) return described('image', m.photo[m.photo.length - 1]!);
  // an animation also carries `document` (Bot API backward compatibility): check it first
  if (m.animation) return described('video', m.animation);
  if (m.document) return described('file', m.document);
  if (m.voice) return described('audio', m.voice);
  if (m.audio) return described('audio', m.audio);
  if (m.video) return described('video', m.video);
  if (m.video_note) return described('video', m.video_note);
  if (m.sticker) return described('sticker', m.sticker);
  return undefined;
}
