/**
 * Case notices through the broadcast machinery (issue 8), as an officer and a worker live them:
 * a status changed late at night reaches the worker at 08:00, once; a notice whose after-commit
 * hint was lost (the process died right after the officer's commit) is sent by the runner, once,
 * even with two runners; a Zalo worker silent for 8 days cannot be reached, and the officer is
 * told why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from '../transcript.ts';
import { noticesTo } from '../cases/officer-helpers.ts';
import { createCase, type NewCase } from '../../src/cases/service.ts';
import { changeStatus } from '../../src/cases/officer.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { registerOfficerCaseRoutes } from '../../src/http/officer-cases.ts';
import type { BroadcastDeps } from '../../src/broadcasts/deps.ts';
import { dueBroadcasts, runBroadcast } from '../../src/broadcasts/runner.ts';

const at = (iso: string) => new Date(iso);

describe('case notices keep quiet hours, windows and survive a crash', () => {
  let chat: Transcript;
  let clock = at('2026-11-22T09:00:00+07:00');
  let deps: BroadcastDeps;
  const conv = { web: '', zalo: '' };
  const cases = { night: '', crash: '', zalo: '' };

  const post = async (url: string, payload: object) => {
    const u = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.bacNinhFederation } });
    const tok = mintOfficerToken(chat.app.services.keyring, { officerId: 'officer-night', unitCode: u.code, scopePath: u.path }, { now: clock });
    return chat.app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${tok}` }, payload });
  };
  const latestNotice = async () =>
    (await chat.app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM broadcast WHERE created_by LIKE 'system:case%' ORDER BY created_at DESC, id LIMIT 1`))[0]!.id;
  const setNow = (d: Date) => {
    clock = d;
    chat.setNow(d);
  };
  /** the runner's loop, with delivery run where it would sleep */
  const run = (id: string, owner?: string) => runBroadcast(deps, id, { owner, sleep: async () => void (await chat.app.drain(conv.web)) });

  beforeAll(async () => {
    chat = await openTranscript({ now: clock });
    const { app } = chat;
    deps = { sql: app.db.sql, queue: app.queue, keyring: app.services.keyring, notifier: app.notifier, adapters: app.adapters, clock: () => clock };
    await registerOfficerCaseRoutes(app.http, { config: app.config, db: app.db, queue: app.queue, keyring: app.services.keyring, clock: () => clock, adapters: app.adapters, notifier: app.notifier });
    await app.http.ready();
    const web = chat.worker('night-worker', 'webchat');
    await web.says('xin chao');
    conv.web = web.conversationId!;
    const zalo = chat.worker('zalo-worker', 'zalo');
    await zalo.says('xin chao');
    conv.zalo = zalo.conversationId!;
    const bacNinh = await app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
    const filed = async (conversationId: string, channel: 'webchat' | 'zalo') => {
      const c = await app.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      const input: NewCase = {
        category: 'wages',
        provinceCode: '24',
        orgUnitId: bacNinh.id,
        urgency: null,
        employer: 'Công ty TNHH May Sông Hồng Việt',
        aboutUnion: false,
        description: 'Công ty nợ lương tháng 9.',
        discoveredOn: '2026-10-15',
        affectedCount: 3,
        anonymous: false,
        attachments: [],
        memberId: null,
        identityId: c.identityId,
        conversationId,
        channel,
        locale: 'vi',
        now: clock,
      };
      return (await app.db.prisma.$transaction((tx) => createCase(tx, app.services.keyring, input))).id;
    };
    cases.night = await filed(conv.web, 'webchat');
    cases.crash = await filed(conv.web, 'webchat');
    cases.zalo = await filed(conv.zalo, 'zalo');
  });
  afterAll(() => chat?.close());

  it('a status changed at 23:00 reaches the worker at 08:00, exactly once', async () => {
    const before = (await noticesTo(chat, conv.web)).length;
    setNow(at('2026-11-22T23:00:00+07:00'));
    const res = await post(`/api/officer/cases/${cases.night}/status`, { status: 'dang_xu_ly', message: 'Sáng mai cán bộ sẽ gọi cho bạn.' });
    expect(res.json()).toEqual({ status: 'dang_xu_ly', notified: true, notice: { status: 'sending', channel: 'webchat', reason: null } });
    const id = await latestNotice();
    // nothing in the worker's chat overnight, and no runner loop sits on it
    expect(await noticesTo(chat, conv.web)).toHaveLength(before);
    expect(await dueBroadcasts(deps)).not.toContain(id);
    setNow(at('2026-11-23T07:59:00+07:00'));
    expect(await dueBroadcasts(deps)).not.toContain(id);

    setNow(at('2026-11-23T08:00:00+07:00'));
    expect(await dueBroadcasts(deps)).toContain(id);
    expect(await run(id)).toEqual({ state: 'done' });
    const after = await noticesTo(chat, conv.web);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatch(/Phản ánh PA-2026-\d{6} của bạn vừa được cập nhật: Đang xử lý/);
    expect(after.at(-1)).toContain('Sáng mai cán bộ sẽ gọi cho bạn.');
    // the worker's web chat got it; running the loop again sends nothing more
    const rows = await chat.app.db.prisma.outboxMessage.findMany({ where: { conversationId: conv.web, inboxId: null } });
    expect(rows.at(-1)!.status).toBe('sent');
    expect(await run(id)).toEqual({ state: 'done' });
    expect(await noticesTo(chat, conv.web)).toHaveLength(before + 1);
  });

  it('a crash between the officer\'s commit and the hint: the runner sends the notice, once, even with two runners', async () => {
    setNow(at('2026-11-23T09:30:00+07:00'));
    const before = (await noticesTo(chat, conv.web)).length;
    // the officer's transaction commits; the process dies before sendNotice
    const r = await chat.app.db.prisma.$transaction((tx) =>
      changeStatus(tx, chat.app.services.keyring, { officerId: 'officer-night', scopePath: '/' }, cases.crash, { status: 'dang_xu_ly' }, clock),
    );
    if (r.kind !== 'changed') throw new Error(r.kind);
    expect(await noticesTo(chat, conv.web)).toHaveLength(before);
    // the status change and its notice committed together: the notice is there for the runner
    expect(await dueBroadcasts(deps)).toContain(r.notice.broadcastId);
    const results = await Promise.all([run(r.notice.broadcastId, 'worker-1'), run(r.notice.broadcastId, 'worker-2')]);
    expect(results).toContainEqual({ state: 'done' });
    const after = await noticesTo(chat, conv.web);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatch(/vừa được cập nhật: Đang xử lý/);
    expect(await dueBroadcasts(deps)).not.toContain(r.notice.broadcastId);
  });

  it('a Zalo worker silent for 8 days is not reached, and the officer sees why', async () => {
    setNow(at('2026-11-30T10:00:00+07:00'));
    // their last message, 8 days ago (set here: the pipeline stamps arrivals with the database's clock)
    await chat.app.db.sql.query(`UPDATE conversation SET last_inbound_at = $2 WHERE id = $1::uuid`, [conv.zalo, new Date(clock.getTime() - 8 * 24 * 3_600_000)]);
    const res = await post(`/api/officer/cases/${cases.zalo}/status`, { status: 'dang_xu_ly' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'dang_xu_ly', notified: false, notice: { status: 'not_delivered', channel: 'zalo', reason: 'zalo_window_closed' } });
    expect(await noticesTo(chat, conv.zalo)).toEqual([]);
    // the reason is kept on the notice's recipient row
    const rows = await chat.app.db.sql.query<{ status: string; reason: string }>(
      `SELECT r.status, r.reason FROM broadcast_recipient r JOIN broadcast b ON b.id = r.broadcast_id
        WHERE r.conversation_id = $1::uuid AND b.created_by = 'system:case_status_changed'`,
      [conv.zalo],
    );
    expect(rows).toEqual([{ status: 'skipped', reason: 'zalo_window_closed' }]);
  });
});
