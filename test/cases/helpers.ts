/**
 * Grievance transcript helpers: raw events (photos, files) sent through the real pipeline like
 * test/transcript.ts does for text, and the answers of a typical filing typed the way workers type.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelId, InboundAttachment, InboundEvent } from '../../src/core/model.ts';
import { openMessage, type StoredMessage } from '../../src/pipeline/seal.ts';
import type { BotReply, Transcript, Worker } from '../transcript.ts';

/** Sends any event as worker `id` on `channel`; returns the bot's replies to it as text. */
export async function sendRaw(
  chat: Transcript,
  id: string,
  channel: ChannelId,
  partial: Partial<InboundEvent> & Pick<InboundEvent, 'kind'>,
): Promise<{ text: string; conversationId: string }> {
  const event: InboundEvent = {
    channel,
    accountId: 'test',
    platformUserId: id,
    conversationExternalId: id,
    dedupeKey: `${channel}:test:${randomUUID()}`,
    occurredAt: Date.now(),
    ...partial,
  };
  const accepted = await chat.app.sink.accept(event);
  await chat.app.drain(accepted.conversationId);
  const rows = await chat.app.db.prisma.outboxMessage.findMany({ where: { inboxId: BigInt(accepted.inboxId) }, orderBy: { id: 'asc' } });
  const text = rows
    .map((r) => openMessage(chat.app.services.keyring, r.message as unknown as StoredMessage))
    .map((m) => ('text' in m ? m.text : ''))
    .join('\n');
  return { text, conversationId: accepted.conversationId };
}

export const photo = (n: number, size = 800_000): InboundAttachment => ({
  type: 'image',
  url: `https://cdn.example.test/photo-${n}.jpg`,
  mime: 'image/jpeg',
  size,
  name: `bang-luong-${n}.jpg`,
});

/** Sends attachments as a media message from this worker. */
export const sendsFiles = (chat: Transcript, id: string, channel: ChannelId, attachments: InboundAttachment[]) =>
  sendRaw(chat, id, channel, { kind: 'media', attachments });

export interface Filing {
  category: string;
  employer: string;
  province: string;
  union: string;
  description: string;
  discovered: string;
  affected: string;
  urgency: string;
  anonymous: string;
}

export const WAGES: Filing = {
  category: 'no luong',
  employer: 'cty may song hong viet',
  province: 'bac ninh',
  union: '1',
  description: 'cty no luong thang 9 va thang 10 cua ca chuyen may, moi nguoi khoang 8 trieu, hoi phong nhan su thi bao cho',
  discovered: '15/10/2026',
  affected: '35',
  urgency: 'khong khan cap',
  anonymous: 'khong can giu kin',
};

/** Answers from the first message up to the evidence step; returns the evidence prompt. */
export async function fillUpToEvidence(w: Worker, f: Filing = WAGES, start = 'phan anh'): Promise<BotReply> {
  await w.says(start);
  await w.says('dong y');
  let last: BotReply | undefined;
  for (const answer of [f.category, f.employer, f.province, f.union, f.description, f.discovered, f.affected, f.urgency]) {
    last = await w.says(answer);
  }
  return last!;
}

export const codeIn = (text: string) => /PA-\d{4}-\d{6}/.exec(text)?.[0];
export const keyIn = (text: string) => /(?:Mã bảo mật|Security key): ([2-9A-Z]{6})/.exec(text)?.[1];

/** A wages case typed the way workers type on any channel, with what the bot must answer to each line. */
export const TYPED_FILING: Array<{ says: string; expect: RegExp }> = [
  { says: 'cty no luong', expect: /đồng ý/i },
  { says: 'dong y', expect: /vấn đề gì/ },
  { says: 'no luong', expect: /công ty, doanh nghiệp nào/ },
  { says: 'cty may song hong viet', expect: /tỉnh\/thành phố nào/ },
  { says: 'bac ninh', expect: /Sông Hồng/ },
  { says: '1', expect: /kể lại sự việc/ },
  { says: 'cty no luong thang 10 cua ca xuong, hoi nhan su thi bao doi', expect: /ngày nào/ },
  { says: '15/10/2026', expect: /bao nhiêu người/ },
  { says: '3', expect: /khẩn cấp/ },
  { says: 'khong khan cap', expect: /bằng chứng/ },
];
