/**
 * Practice and contest on every channel, through the adapters and their fake platforms: typed
 * answers ("1", "dong y", a phone number) as the platform would post them, and what the worker
 * would see read back from the platform (Zalo's numbered text, Messenger quick replies,
 * Telegram inline buttons, web chat suggested actions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { openChannelApp, type ChannelApp } from '../../test/channel-app.ts';
import { upsertContest } from '../../src/quiz/contests.ts';
import { testContest } from './test-helpers.ts';

const START = new Date('2026-11-22T09:00:00+07:00');

for (const [n, contract] of contracts.entries()) {
  describe(`quiz and contest on ${contract.channel}`, () => {
    let c: ChannelApp;
    let now = START;

    beforeAll(async () => {
      c = await openChannelApp(contract, { clock: () => now, env: { SEED_CONTENT: 'false' } });
      await upsertContest(c.app.db.prisma, testContest('kenh', new Date(START.getTime() - 3_600_000), new Date(START.getTime() + 7_200_000)));
    });
    afterAll(async () => c?.close());

    const says = (user: string, text: string) => c.says(user, text);

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
      expect(await c.app.db.prisma.contestAttempt.count({ where: { contestId: 'kenh' } })).toBe(1);
    });

    it('an answer after the time limit is not counted', async () => {
      await enter('late', `098765400${n}`);
      await says('late', 'Cong ty Dien tu');
      await says('late', '5000');
      expect(await says('late', 'bat dau')).toMatch(/Câu 1\/3/);
      now = new Date(now.getTime() + 6 * 60_000);
      const seen = await says('late', '1');
      expect(seen).toMatch(/hết giờ/);
      const attempt = await c.app.db.prisma.contestAttempt.findFirstOrThrow({ where: { contestId: 'kenh', status: 'timed_out' } });
      expect(attempt.score).toBe(0);
      expect(await c.app.db.prisma.contestAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);
      now = START;
    });
  });
}
