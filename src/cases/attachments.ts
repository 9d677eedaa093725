import type { InboundAttachment } from '../core/model.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 10;

const DOC_MIMES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
const DOC_EXTENSIONS = /\.(pdf|docx?)$/i;
const MEDIA_TYPES = new Set(['image', 'audio', 'video']);

export type AttachmentCheck =
  | { ok: true; value: CheckedAttachment }
  | { ok: false; error: 'too_big'; params: { name: string; sizeMb: string; maxMb: number } }
  | { ok: false; error: 'unsupported_type'; params: { name: string } };

export interface CheckedAttachment {
  type: 'image' | 'file' | 'audio' | 'video';
  mime?: string;
  size?: number;
  name?: string;
  url?: string;
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);

/**
 * First check of evidence, on what the platform declares: photos, audio, video, PDF and Word
 * files up to 10 MB. A sticker, a link or a spreadsheet is refused at once so the worker knows
 * what to send. This is only the platform's word: after the turn the bytes are downloaded with
 * a hard cap and sniffed (src/cases/fetch.ts), which catches a lying size or a renamed .exe.
 */
export function checkAttachment(a: InboundAttachment): AttachmentCheck {
  const name = a.name ?? '';
  const mime = a.mime?.toLowerCase();
  let type: CheckedAttachment['type'] | null = null;
  if (MEDIA_TYPES.has(a.type)) {
    // a "video" claiming an executable MIME type is not a video
    if (!mime || mime.startsWith(`${a.type}/`)) type = a.type as CheckedAttachment['type'];
  } else if (a.type === 'file') {
    if ((mime && DOC_MIMES.has(mime)) || (!mime && DOC_EXTENSIONS.test(name)) || (mime === 'application/octet-stream' && DOC_EXTENSIONS.test(name))) type = 'file';
    // Messenger says nothing of a file but its URL: the sniffed bytes decide after download
    else if (!mime && !name && a.url) type = 'file';
    else if (mime?.startsWith('image/')) type = 'image';
  }
  if (!type) return { ok: false, error: 'unsupported_type', params: { name: name || a.type } };
  if (a.size !== undefined && a.size > MAX_ATTACHMENT_BYTES) {
    return { ok: false, error: 'too_big', params: { name: name || type, sizeMb: mb(a.size), maxMb: MAX_ATTACHMENT_BYTES / (1024 * 1024) } };
  }
  return {
    ok: true,
    value: { type, ...(mime ? { mime } : {}), ...(a.size !== undefined ? { size: a.size } : {}), ...(a.name ? { name: a.name.slice(0, 200) } : {}), ...(a.url ? { url: a.url } : {}) },
  };
}

/** Every attachment of one message, or the first refusal. */
export function checkAttachments(list: readonly InboundAttachment[]): { ok: true; value: CheckedAttachment[] } | Exclude<AttachmentCheck, { ok: true }> {
  const accepted: CheckedAttachment[] = [];
  for (const a of list) {
    const r = checkAttachment(a);
    if (!r.ok) return r;
    accepted.push(r.value);
  }
  return { ok: true, value: accepted };
}
