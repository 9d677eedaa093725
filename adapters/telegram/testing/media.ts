import type { WebhookRequest } from '../../../src/channels/contract.ts';
import { numericId, webhookRequest } from '../contract.ts';
import { fakeTelegramFiles } from './fake-bot-api.ts';

export interface TelegramMedia {
  kind: 'photo' | 'document';
  fileId: string;
  bytes: Buffer;
  name?: string;
  mime?: string;
  /** what the update and getFile say (default: the real size) */
  declaredSize?: number;
}

/**
 * A signed update of a worker sending a photo or a document; the bytes are put where every fake
 * Bot API serves them (getFile, then the file URL).
 */
export function telegramMediaUpdate(userId: string, media: TelegramMedia, seq: number, nowMs: number): WebhookRequest {
  fakeTelegramFiles.set(media.fileId, { bytes: media.bytes, ...(media.declaredSize !== undefined ? { declaredSize: media.declaredSize } : {}) });
  const id = numericId(userId);
  const size = media.declaredSize ?? media.bytes.byteLength;
  const file = { file_id: media.fileId, file_unique_id: `u-${media.fileId}`, file_size: size };
  const content =
    media.kind === 'photo'
      ? { photo: [{ ...file, width: 1280, height: 960 }] }
      : { document: { ...file, ...(media.name ? { file_name: media.name } : {}), ...(media.mime ? { mime_type: media.mime } : {}) } };
  const chat = { id, type: 'private', first_name: 'Công nhân' };
  const from = { id, is_bot: false, first_name: 'Công nhân', language_code: 'vi' };
  return webhookRequest(
    JSON.stringify({ update_id: (id % 1_000_000) * 10_000 + seq, message: { message_id: seq, date: Math.floor(nowMs / 1000), chat, from, ...content } }),
  );
}
