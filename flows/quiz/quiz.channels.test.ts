/**
 * Practice and contest on every channel, through the adapters and their fake platforms: typed
 * answers ("1", "dong y", a phone number) as the platform would post them, and what the worker
 * would see read back from the platform (Zalo's numbered text, Messenger quick replies,
 * Telegram inline buttons, web chat suggested actions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { ContractHarness } from '../../src/channels/contract.ts';
import type { RateLimiter } from '../../src/queue/ratelimit.ts';
import { upsertContest } from '../../src/quiz/contests.ts';
import { testContest } from './test-helpers.ts';

const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };
const START = new Date('2026-11-22T09:00:00+07:00');

for (const [n, contract] of contracts.entries()) {
  describe(`quiz and contest on ${contract.channel}`, () => {
    let app: App;
    let h: ContractHarness;
    let now = START;
    let seq = 100;

    beforeAll(async () => {
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', APP_SECRET: 'quiz-channels-secret-0123456789abcdef', LOG_LEVEL: 'silent', SEED_CONTENT: 'false' });
      app = await createApp(config, {
        clock: () => now,
        limiter: unlimited,
        adapters: async (deps) => {
          h = await contract.start({ sql: deps.sql!, sink: deps.sink, keyring: deps.keyring, notifier: deps.notifier, log: deps.log, now: () => now.getTime() });
          return [h.adapter];
        },
      });
      await app.http.ready();
      await upsertContest(app.db.prisma, testContest('kenh', new Date(START.getTime() - 3_600_000), new Date(START.getTime() + 7_200_000)));
    });
    afterAll(async () => {
      await h?.stop();
      await app?.close();
    });

    async function says(user: string, text: string): Promise<string> {
      h.reset();
      const msg = h.userMessage(user, { text }, ++seq);
      const res = await app.http.inject({ ...msg, payload: msg.body });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const rows = await app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE channel = $1 AND external_id = $2`, [
        contract.channel,
        h.externalIdOf(user),
      ]);
      await app.drain(rows[0]!.id);
      return h.seen(h.calls()).join('\n');
    }

    async function enter(user: string, phone: string): Promise<string> {
      expect(await says(user, 'du thi')).toMatch(/đồng ý/i);
      expect(await says(user, 'dong y')).toMatch(/họ và tên/i);
      expect(await says(user, 'Nguyen Thi Lan')).toMatch(/điện thoại/i);
      return says(user, phone);
    }

    it('practice: five questions, each with feedback, the explanation and the article', async () => {
      expect(await says('learner', 'on luat')).toMatch(/Câu 1\/5/);
      for (let k = 1; k <= 5; k++) {
        const seen = await says('learner', '1');
        expect(seen, `answer ${k}`).toMatch(/Chính xác!|Chưa đúng rồi/);
        expect(seen, `answer ${k}`).toMatch(/Căn cứ: Điều \d+/);
      }
    });

    it('a full contest attempt ends with score and rank; a second attempt is refused', async () => {
      const phone = `091234500${n}`;
      expect(await enter('player', phone)).toMatch(/đơn vị/i);
      expect(await says('player', 'Cong ty May Song Hong')).toMatch(/bao nhiêu người/i);
      expect(await says('player', '12000')).toMatch(/Bắt đầu/);
      expect(await says('player', 'bat dau')).toMatch(/Câu 1\/3/);
      expect(await says('player', '1')).toMatch(/Câu 2\/3/);
      expect(await says('player', '2')).toMatch(/Câu 3\/3/);
      const last = await says('player', '1');
      expect(last).toMatch(/hoàn thành bài thi/);
      expect(last).toMatch(/Xếp hạng hiện tại: 1\/1/);

      const again = await enter('player', phone);
      expect(again).toMatch(/đã dùng hết 1 lượt thi/);
      expect(await app.db.prisma.contestAttempt.count({ where: { contestId: 'kenh' } })).toBe(1);
    });

    it('an answer after the time limit is not counted', async () => {
      await enter('late', `098765400${n}`);
      await says('late', 'Cong ty Dien tu');
      await says('late', '5000');
      expect(await says('late', 'bat dau')).toMatch(/Câu 1\/3/);
      now = new Date(now.getTime() + 6 * 60_000);
      const seen = await says('late', '1');
      expect(seen).toMatch(/hết giờ/);
      const attempt = await app.db.prisma.contestAttempt.findFirstOrThrow({ where: { contestId: 'kenh', status: 'timed_out' } });
      expect(attempt.score).toBe(0);
      expect(await app.db.prisma.contestAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
      now = START;
    });
  });
}
