/**
 * The normalized model every adapter maps to and from. Flows only ever see these types,
 * never a platform payload, so a flow is written once and runs on every channel.
 */
export const CHANNELS = ['webchat', 'zalo', 'messenger', 'telegram'] as const;
export type ChannelId = (typeof CHANNELS)[number];

export type InboundKind =
  | 'text' // typed text
  | 'choice' // a tap on a quick reply / button; choiceKey holds the option key
  | 'contact' // a shared phone number (Telegram contact, Zalo user_submit_info)
  | 'media'
  | 'location'
  | 'start' // conversation opened (web chat join, follow, Get Started)
  | 'follow'
  | 'unfollow'
  | 'echo' // the platform echoing our own send: recorded, never answered
  | 'delivery'
  | 'read';

export interface InboundAttachment {
  type: 'image' | 'file' | 'audio' | 'video' | 'sticker' | 'link';
  url?: string;
  name?: string;
  mime?: string;
  size?: number;
}

export interface InboundEvent {
  channel: ChannelId;
  /** OA id, Page id, bot id, or the web chat site id */
  accountId: string;
  /** the worker's id on that platform (Zalo user_id, PSID, Telegram from.id, web chat user id) */
  platformUserId: string;
  /** where replies go: the user id for 1:1 chats, the chat id for groups */
  conversationExternalId: string;
  /** unique per platform message; a platform retry carries the same key (see platforms.md 5.1) */
  dedupeKey: string;
  platformMessageId?: string;
  kind: InboundKind;
  text?: string;
  choiceKey?: string;
  contact?: { phone: string };
  attachments?: InboundAttachment[];
  location?: { lat: number; lng: number };
  displayName?: string;
  /** language hint from the platform (BCP 47); the conversation's own choice wins */
  locale?: string;
  /** ms since epoch, as the platform stamped it */
  occurredAt: number;
}

export interface Choice {
  /** opaque, ≤ 64 bytes (Telegram callback_data) */
  key: string;
  label: string;
}

export type OutboundMessage =
  | { kind: 'text'; text: string }
  | { kind: 'choices'; text: string; choices: Choice[] }
  | { kind: 'cards'; text?: string; cards: Card[] }
  | { kind: 'media'; mediaType: 'image' | 'file'; url: string; caption?: string; name?: string }
  | { kind: 'request_contact'; text: string; buttonLabel: string };

export interface Card {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  buttons?: Array<{ label: string; key?: string; url?: string }>;
}
