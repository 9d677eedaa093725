import type { ChannelAdapter } from '../../src/channels/types.ts';
import { downloadCapped } from '../../src/blobs/download.ts';

/**
 * Messenger attachments arrive as payload.url on Meta's CDN (lookaside.fbsbx.com, which may
 * redirect to the storage host); the link needs no Page token and expires, so a 403/404 is "gone".
 */
export const fetchMessengerMedia: NonNullable<ChannelAdapter['fetchMedia']> = (ref, opts) => downloadCapped(ref, opts);
