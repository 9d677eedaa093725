import { randomBytes } from 'node:crypto';
import type { Keyring } from '../../../src/security/crypto.ts';
import { TokenService } from '../token.ts';

export interface UploadFile {
  name: string;
  /** what the browser declares (File.type) */
  contentType: string;
  bytes: Buffer;
}

/**
 * The request Web Chat's Direct Line client makes when a worker attaches files: multipart with
 * one part per file and an optional `activity` part, to /directline/conversations/:id/upload,
 * with the conversation token (minted as the web chat contract mints it for `user`).
 */
export function uploadRequest(
  keyring: Keyring,
  site: string,
  user: string,
  files: UploadFile[],
  opts: { text?: string; now?: () => number } = {},
): { method: 'POST'; url: string; headers: Record<string, string>; payload: Buffer } {
  const conv = `conv-${user}`;
  const token = new TokenService(keyring, site, opts.now).mint('directline', conv, `dl_${user}`, 3600).token;
  const boundary = `----ua${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.contentType}\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  if (opts.text) {
    const activity = JSON.stringify({ type: 'message', from: { id: `dl_${user}` }, text: opts.text });
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="activity"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n${activity}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    method: 'POST',
    url: `/directline/conversations/${conv}/upload?userId=dl_${user}`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, authorization: `Bearer ${token}` },
    payload: Buffer.concat(parts),
  };
}
