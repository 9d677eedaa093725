import type { ChannelAdapter } from '../../src/channels/types.ts';
import { downloadCapped } from '../../src/blobs/download.ts';

/**
 * Zalo puts a CDN link in each attachment's payload.url (images, files, audio, video); the link
 * works without our token and expires after some days, so an expired one is "gone", not retried.
 */
export const fetchZaloMedia: NonNullable<ChannelAdapter['fetchMedia']> = (ref, opts) => downloadCapped(ref, opts);
