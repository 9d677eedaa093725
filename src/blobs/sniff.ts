import { fileTypeFromBuffer } from 'file-type';

export const WORD_DOC = 'application/msword';
export const WORD_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type SniffResult = { ok: true; mime: string; ext: string } | { ok: false; reason: 'unsupported_type' | 'empty'; detected?: string };

/**
 * What the bytes really are, from their magic numbers (file-type), whatever the platform or the
 * file name says: an .exe renamed to .pdf is an .exe. Evidence is photos, audio, video, PDF and
 * Word; everything else (archives, executables, spreadsheets, plain text) is refused.
 */
export async function sniffEvidence(bytes: Uint8Array, declaredName?: string | null): Promise<SniffResult> {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  const t = await fileTypeFromBuffer(bytes);
  if (!t) return { ok: false, reason: 'unsupported_type' };
  if (/^(image|audio|video)\//.test(t.mime)) return { ok: true, mime: t.mime, ext: t.ext };
  if (t.mime === 'application/pdf' || t.mime === WORD_DOCX) return { ok: true, mime: t.mime, ext: t.ext };
  // Old .doc files are OLE compound files, like .xls and .msg: only take one that says it is .doc
  if (t.ext === 'cfb' && /\.doc$/i.test(declaredName ?? '')) return { ok: true, mime: WORD_DOC, ext: 'doc' };
  return { ok: false, reason: 'unsupported_type', detected: t.mime };
}

/** The attachment kind for a sniffed MIME type. */
export function kindOf(mime: string): 'image' | 'audio' | 'video' | 'file' {
  const top = mime.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}
