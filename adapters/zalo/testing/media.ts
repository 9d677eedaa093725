import { createHash } from 'node:crypto';
import type { WebhookRequest } from '../../../src/channels/contract.ts';
import { signed, TEST_APP_ID, TEST_OA_ID } from './sign.ts';

export interface ZaloMedia {
  event: 'user_send_image' | 'user_send_file' | 'user_send_video' | 'user_send_audio';
  /** the CDN link Zalo puts in payload.url */
  url: string;
  name?: string;
  /** as Zalo declares it: a string of bytes (may be wrong) */
  size?: number;
}

/** A signed webhook of a worker sending one photo or file, shaped like Zalo's user_send_* samples. */
export function zaloMediaMessage(userId: string, media: ZaloMedia, seq: number, nowMs: number): WebhookRequest {
  const msgId = createHash('sha256').update(`${userId}:media:${seq}`).digest('hex').slice(0, 32);
  const type = media.event.slice('user_send_'.length);
  const payload = {
    url: media.url,
    ...(type === 'image' ? { thumbnail: media.url } : {}),
    ...(media.name ? { name: media.name } : {}),
    ...(media.size !== undefined ? { size: String(media.size) } : {}),
  };
  return signed(
    JSON.stringify({
      app_id: TEST_APP_ID,
      user_id_by_app: '3216904426693862293',
      event_name: media.event,
      timestamp: String(nowMs),
      sender: { id: userId },
      recipient: { id: TEST_OA_ID },
      message: { msg_id: msgId, attachments: [{ type, payload }] },
    }),
  );
}
