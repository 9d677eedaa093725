/**
 * "Nhắc tôi khi mở" (issue 8): a worker looking for a contest that is announced but not open yet
 * asks to be reminded; 24 h before it opens the reminder goes, once, in Vietnamese date format,
 * on the chat they asked from (Messenger outside 24 h: CONFIRMED_EVENT_UPDATE, they asked for
 * it); a worker who did not ask gets nothing; "hủy nhắc" takes a request back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../transcript.ts';
import { noticesTo } from '../cases/officer-helpers.ts';
import { addContest, testContest } from '../../flows/quiz/test-helpers.ts';
import type { BroadcastDeps } from '../../src/broadcasts/deps.ts';
import { sendDueReminders } from '../../src/quiz/reminder-sweep.ts';

const NOW = new Date('2026-11-22T09:00:00+07:00');
const OPENS = new Date('2026-11-26T09:00:00+07:00');

describe('contest reminder', () => {
  let chat: Transcript;
  let clock = NOW;
  let deps: BroadcastDeps;
  const setNow = (d: Date) => {
    clock = d;
    chat.setNow(d);
  };
  const reminders = () => chat.app.db.prisma.contestReminder.findMany({ orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    chat = await openTranscript({ now: NOW });
    const { app } = chat;
    deps = { sql: app.db.sql, queue: app.queue, keyring: app.services.keyring, notifier: app.notifier, adapters: app.adapters, clock: () => clock };
    await addContest(chat, testContest('nhac-1', OPENS, new Date('2026-12-03T09:00:00+07:00')));
  });
  afterAll(() => chat?.close());

  it('nothing open yet: the next contest is announced with "Nhắc tôi khi mở"; typed "nhac toi" is understood', async () => {
    const w = chat.worker('remind-web');
    let bot = await w.says('du thi');
    expect(bot.text).toContain('Hiện chưa có cuộc thi nào đang mở. Sắp tới: 🏆 Cuộc thi thử nhac-1, mở lúc 26/11/2026 09:00.');
    expect(bot.choices.map((c) => c.label)).toEqual(['Nhắc tôi khi mở', 'Không, cảm ơn']);
    bot = await w.says('nhac toi');
    expect(bot.text).toContain('Tôi sẽ nhắn nhắc bạn trước khi cuộc thi "Cuộc thi thử nhac-1" mở lúc 26/11/2026 09:00.');
    // asking again offers to cancel or keep it; keeping it stores nothing more
    bot = await w.says('nhắc tôi khi mở');
    expect(bot.choices.map((c) => c.label)).toEqual(['Hủy nhắc', 'Giữ lời nhắc']);
    bot = await w.taps('Giữ lời nhắc');
    expect(bot.text).toContain('Lời nhắc vẫn giữ nguyên');
    expect((await reminders()).map((r) => [r.contestId, r.cancelledAt])).toEqual([['nhac-1', null]]);
  });

  it('"huy nhac" takes the request back', async () => {
    const w = chat.worker('remind-cancel');
    await w.says('du thi');
    await w.taps('Nhắc tôi khi mở');
    const bot = await w.says('huy nhac');
    expect(bot.text).toContain('Đã hủy lời nhắc cuộc thi.');
    const mine = (await reminders()).filter((r) => r.conversationId === w.conversationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.cancelledAt).not.toBeNull();
  });

  it('24 h before the contest opens the reminder goes once; a Messenger worker who asked gets it tagged, one who did not gets nothing', async () => {
    const asked = chat.worker('remind-m', 'messenger');
    await asked.says('du thi');
    await asked.says('nhac toi');
    const silent = chat.worker('no-remind-m', 'messenger');
    await silent.says('xin chao');
    const web = (await reminders()).find((r) => r.cancelledAt === null && r.conversationId !== asked.conversationId)!;

    setNow(new Date(OPENS.getTime() - 25 * 3_600_000));
    expect(await sendDueReminders(deps, 24)).toBe(0);

    setNow(new Date(OPENS.getTime() - 24 * 3_600_000 + 60_000));
    // both Messenger workers last wrote 3 days ago (set here: arrivals are stamped by the database's clock)
    for (const id of [asked.conversationId!, silent.conversationId!]) {
      await chat.app.db.sql.query(`UPDATE conversation SET last_inbound_at = $2 WHERE id = $1::uuid`, [id, new Date(clock.getTime() - 72 * 3_600_000)]);
    }
    expect(await sendDueReminders(deps, 24)).toBe(2);
    expect(await sendDueReminders(deps, 24)).toBe(0);

    const text = 'Cuộc thi "Cuộc thi thử nhac-1" sẽ mở lúc 26/11/2026 09:00. Nhắn "dự thi" để tham gia khi cuộc thi bắt đầu.';
    expect((await noticesTo(chat, web.conversationId)).filter((t) => t === text)).toHaveLength(1);
    const m = await chat.app.db.prisma.outboxMessage.findMany({ where: { conversationId: asked.conversationId!, messageTag: { not: null } } });
    expect(m.map((r) => r.messageTag)).toEqual(['CONFIRMED_EVENT_UPDATE']);
    expect(await noticesTo(chat, silent.conversationId!)).toEqual([]);
    // the cancelled request was not sent
    expect((await reminders()).filter((r) => r.cancelledAt !== null).map((r) => r.notifiedAt)).toEqual([null]);
  });
});
