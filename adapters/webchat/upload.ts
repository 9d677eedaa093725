import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { InboundAttachment, InboundEvent } from '../../src/core/model.ts';
import type { Sql } from '../../src/db/client.ts';
import type { Keyring } from '../../src/security/crypto.ts';
import { kindOf, sniffEvidence } from '../../src/blobs/sniff.ts';
import { putBlob } from '../../src/blobs/store.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_CASE } from '../../src/cases/attachments.ts';
import { STAGED_REF_PREFIX } from '../../src/cases/fetch.ts';
import { authorize, fail, type WebchatContext } from './context.ts';
import { activityId, monotonicNow, topics } from './ids.ts';
import { echoFromEvent, MAX_TEXT } from './inbound.ts';

type IdParams = { Params: { id: string } };

export interface UploadDeps {
  sql: Sql;
  keyring: Keyring;
}

/**
 * Direct Line's upload (POST /v3/directline/conversations/:id/upload, here under /directline):
 * multipart file parts, optionally an `activity` part carrying the text typed with them. The
 * bytes arrive with the message, so they go straight to the evidence store: read with the same
 * hard cap as a platform download, sniffed, sealed, staged for this conversation. The flow then
 * sees one media message whose attachments carry the sniffed type and the real size, and refuses
 * an .exe named .pdf or a 20 MB video in the chat, at once.
 */
export async function registerUploadRoute(dl: FastifyInstance, ctx: WebchatContext, deps: UploadDeps): Promise<void> {
  await dl.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) {
      await scope.register(multipart, {
        // one byte past the cap tells a file at the cap from one above it
        limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: MAX_ATTACHMENTS_PER_CASE, fields: 4, fieldSize: 16 * 1024, parts: MAX_ATTACHMENTS_PER_CASE + 4 },
        throwFileSizeLimit: false,
      });
    }

    scope.post<IdParams>('/conversations/:id/upload', async (req, reply) => {
      const claims = authorize(ctx, req, reply, req.params.id);
      if (!claims) return reply;
      if (!req.isMultipart()) return fail(reply, 400, 'bad_request', 'Cần gửi tệp dạng multipart/form-data.');
      // A file only makes sense inside a conversation the worker already started (the evidence step).
      const uuid = await ctx.store.conversationUuid(claims.conv);
      if (!uuid) return fail(reply, 409, 'no_conversation', 'Bạn hãy bắt đầu trò chuyện trước khi gửi tệp.');

      const attachments: InboundAttachment[] = [];
      let text: string | undefined;
      const declaredTotal = Number(req.headers['content-length']);
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'activity') text = textOf(part.value);
          continue;
        }
        if (part.fieldname === 'activity') {
          text = textOf((await part.toBuffer()).toString('utf8'));
          continue;
        }
        const name = part.filename ? part.filename.normalize('NFC').slice(0, 200) : undefined;
        const bytes = await part.toBuffer();
        if (part.file.truncated || bytes.byteLength > MAX_ATTACHMENT_BYTES) {
          // the rest was never read; the request size is the best figure to quote back
          const size = Number.isFinite(declaredTotal) && declaredTotal > MAX_ATTACHMENT_BYTES ? declaredTotal : MAX_ATTACHMENT_BYTES + 1;
          attachments.push({ type: declaredKind(part.mimetype), size, ...(name ? { name } : {}) });
          continue;
        }
        const sniffed = await sniffEvidence(bytes, name);
        if (!sniffed.ok) {
          // no url: nothing is stored, and the flow refuses it by its true type
          attachments.push({ type: 'file', mime: sniffed.detected ?? 'application/octet-stream', size: bytes.byteLength, ...(name ? { name } : {}) });
          continue;
        }
        const blob = await putBlob(deps.sql, deps.keyring, bytes, { mime: sniffed.mime, stagedFor: uuid });
        attachments.push({ type: kindOf(sniffed.mime), mime: sniffed.mime, size: blob.size, url: `${STAGED_REF_PREFIX}${blob.id}`, ...(name ? { name } : {}) });
      }
      if (attachments.length === 0) return fail(reply, 400, 'no_files', 'Không có tệp nào trong yêu cầu.');

      const clientId = `upload-${randomUUID()}`;
      const event: InboundEvent = {
        channel: 'webchat',
        accountId: claims.site,
        platformUserId: claims.user,
        conversationExternalId: claims.conv,
        platformMessageId: clientId,
        dedupeKey: `webchat:${claims.site}:${claims.conv}:${clientId}`,
        occurredAt: monotonicNow(),
        kind: 'media',
        attachments,
        ...(text ? { text } : {}),
      };
      // the echo first, as for a typed message, so it precedes the answer
      const { seq } = await ctx.store.append(uuid, `in:${event.dedupeKey}`, echoFromEvent(event));
      await ctx.sink.accept(event);
      ctx.notifier.publish(topics.conversation(uuid), String(seq));
      return { id: activityId(claims.conv, seq) };
    });
  });
}

function declaredKind(mime: string | undefined): InboundAttachment['type'] {
  const top = mime?.split('/')[0];
  return top === 'image' || top === 'audio' || top === 'video' ? top : 'file';
}

/** The text of the optional activity part (JSON of a message activity); anything else is ignored. */
function textOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const a = JSON.parse(raw) as { text?: unknown };
    return typeof a.text === 'string' && a.text.trim() ? a.text.trim().slice(0, MAX_TEXT) : undefined;
  } catch {
    return undefined;
  }
}
