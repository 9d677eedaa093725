/**
 * A case filed through each real adapter (signed webhooks, fake platforms) and a status change
 * by an officer afterwards: the notice leaves through the same adapter, within its rules, and
 * the worker sees it on their own platform.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { createApp, type App } from '../../src/app/app.ts';
import { changeStatus } from '../../src/cases/officer.ts';
import { sendNotice } from '../../src/broadcasts/notify.ts';
import { loadConfig } from '../../src/config.ts';
import type { ContractHarness } from '../../src/channels/contract.ts';
import type { RateLimiter } from '../../src/queue/ratelimit.ts';
import { TYPED_FILING } from './helpers.ts';

const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };

const SCRIPT: Array<{ says: string; expect: RegExp }> = [
  ...TYPED_FILING,
  { says: 'khong co', expect: /giữ kín/ },
  { says: 'khong can', expect: /đã đúng chưa/ },
  { says: 'dung roi', expect: /PA-2026-\d{6}/ },
];

for (const contract of contracts) {
  describe(`grievance and its status notice on ${contract.channel}`, () => {
    let app: App;
    let h: ContractHarness;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', APP_SECRET: 'channels-notice-secret-0123456789abcdef', LOG_LEVEL: 'silent', SEED_DEMO: 'true', SEED_CONTENT: 'false' });
      app = await createApp(config, {
        clock: () => now,
        limiter: unlimited,
        adapters: async (deps) => {
          h = await contract.start({ sql: deps.sql!, sink: deps.sink, keyring: deps.keyring, notifier: deps.notifier, log: deps.log, now: () => now.getTime() });
          return [h.adapter];
        },
      });
      await app.http.ready();
    });
    afterAll(async () => {
      await h?.stop();
      await app?.close();
    });

    async function conversationOf(user: string): Promise<string> {
      const rows = await app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE channel = $1 AND external_id = $2`, [
        contract.channel,
        h.externalIdOf(user),
      ]);
      return rows[0]!.id;
    }

    async function says(user: string, text: string, seq: number): Promise<string> {
      h.reset();
      const req = h.userMessage(user, { text }, seq);
      const res = await app.http.inject({ ...req, payload: req.body });
      expect(res.statusCode, res.body).toBeLessThan(300);
      await app.drain(await conversationOf(user));
      return h.seen(h.calls()).join('\n');
    }

    it('files by typing, then sees the officer\'s status change on the same platform', async () => {
      let seq = 500;
      let last = '';
      for (const step of SCRIPT) {
        last = await says('grievance-worker', step.says, seq++);
        expect(last, `after "${step.says}"`).toMatch(step.expect);
      }
      const code = /PA-2026-\d{6}/.exec(last)![0];
      const c = await app.db.prisma.grievanceCase.findUniqueOrThrow({ where: { code } });
      expect(c.channel).toBe(contract.channel);
      const scope = await app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'P24' } });

      h.reset();
      const r = await app.db.prisma.$transaction((tx) =>
        changeStatus(tx, app.services.keyring, { officerId: 'o1', scopePath: scope.path }, c.id, { status: 'cho_bo_sung', message: 'Bạn gửi giúp bảng lương tháng 10.' }, now),
      );
      if (r.kind !== 'changed') throw new Error(r.kind);
      // after commit, as the officer route does: the notice goes to the outbox of the chat the case came from
      await sendNotice({ sql: app.db.sql, queue: app.queue, keyring: app.services.keyring, notifier: app.notifier, adapters: app.adapters, clock: () => now }, r.notice);
      expect(r.notice).toMatchObject({ status: 'pending', channel: contract.channel });
      await app.drain(await conversationOf('grievance-worker'));
      const seen = h.seen(h.calls()).join('\n');
      expect(seen).toContain(`Phản ánh ${code} của bạn vừa được cập nhật: Chờ bạn bổ sung thông tin.`);
      expect(seen).toContain('Bạn gửi giúp bảng lương tháng 10.');
    });
  });
}
