/**
 * A Messenger worker whose last message was 3 days ago, outside the 24 h window: an officer
 * approves their application, and the news with the card image reaches the (fake) Send API as
 * one tagged update (MESSAGE_TAG + ACCOUNT_UPDATE: a change in their own application), never
 * HUMAN_AGENT (automated text), exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { officerOf, type Officer } from '../membership/helpers.ts';

const messenger = contracts.find((c) => c.channel === 'messenger')!;

describe('registration approved, Messenger worker silent for 3 days', () => {
  let c: ChannelApp;
  let officer: Officer;
  let now = new Date('2026-11-20T09:00:00+07:00');
  let registrationId = '';
  let unitCode = '';

  beforeAll(async () => {
    c = await openChannelApp(messenger, { clock: () => now, env: { SEED_CONTENT: 'false' } });
    const unit = await c.app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots', name: { contains: 'May Sông Hồng Việt' } } });
    unitCode = unit.code;
    // the worker writes to the Page (the application itself is the registration flow's concern,
    // tested on every channel in test/membership/channels.test.ts): here it is filed directly
    await c.says('an', 'xin chao');
    const conv = await c.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: await c.conversationOf('an') } });
    const k = c.app.services.keyring;
    const reg = await c.app.db.prisma.registration.create({
      data: {
        code: 'DK-2026-MSG001',
        fullName: 'Nguyễn Văn An',
        dobEnc: k.seal('1995-03-15'),
        gender: 'nam',
        cccdEnc: k.seal('001095012345'),
        cccdHash: 'cccd-hash-msg-001',
        phoneEnc: k.seal('+84912345678'),
        phoneHash: 'phone-hash-msg-001',
        employer: 'Công ty TNHH May Sông Hồng Việt',
        workplaceAddress: 'KCN Quế Võ, Bắc Ninh',
        provinceCode: unit.provinceCode ?? '24',
        orgUnitId: unit.id,
        routedToId: unit.id,
        identityId: conv.identityId,
        channel: 'messenger',
        locale: 'vi',
      },
    });
    registrationId = reg.id;
  }, 120_000);
  afterAll(async () => c?.close());

  it('the news and the card go once, tagged ACCOUNT_UPDATE', async () => {
    now = new Date('2026-11-23T09:00:00+07:00');
    // their last message, 3 days ago (set here: the pipeline stamps arrivals with the database's clock)
    await c.app.db.sql.query(`UPDATE conversation SET last_inbound_at = $2 WHERE id = $1::uuid`, [await c.conversationOf('an'), new Date(now.getTime() - 72 * 3_600_000)]);
    officer = await officerOf(c.app, unitCode);
    c.h.reset();
    const res = await c.app.http.inject({ method: 'POST', url: `/api/officer/registrations/${registrationId}/approve`, headers: officer.headers });
    expect(res.statusCode, res.body).toBe(200);
    const { memberNo, cardUrl, notice } = res.json() as { memberNo: string; cardUrl: string; notice: unknown };
    expect(notice).toEqual({ status: 'sending', channel: 'messenger', reason: null });

    await c.app.drain(await c.conversationOf('an'));
    const sends = c.h.calls().map((x) => x.body as Record<string, unknown>).filter((b) => 'message' in b);
    expect(sends.length).toBeGreaterThan(0);
    // every part of the one notice goes as a tagged update; none as HUMAN_AGENT or a plain response
    expect(sends.map((b) => [b.messaging_type, b.tag])).toEqual(sends.map(() => ['MESSAGE_TAG', 'ACCOUNT_UPDATE']));
    const seen = c.h.seen(c.h.calls()).join('\n');
    expect(seen).toContain('Chúc mừng bạn!');
    expect(seen).toContain(`Số thẻ đoàn viên: ${memberNo}`);
    expect(JSON.stringify(sends)).toContain(cardUrl);

    // exactly once: one outbox row, sent; a second approval click and another delivery run send nothing
    const rows = await c.app.db.prisma.outboxMessage.findMany({ where: { conversationId: await c.conversationOf('an'), inboxId: null } });
    expect(rows.map((r) => [r.status, r.messageTag])).toEqual([['sent', 'ACCOUNT_UPDATE']]);
    c.h.reset();
    const again = await c.app.http.inject({ method: 'POST', url: `/api/officer/registrations/${registrationId}/approve`, headers: officer.headers });
    expect(again.json()).toMatchObject({ already: true, notice: null });
    await c.app.drain(await c.conversationOf('an'));
    expect(c.h.calls().filter((x) => 'message' in (x.body as object))).toEqual([]);
  });
});
