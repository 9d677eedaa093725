/**
 * Benefit lookup and "Đăng ký nhận hỗ trợ" on every channel, through the adapters and their fake
 * platforms (as test/channels-transcript.test.ts does for registration): the long answer with
 * how to apply must reach the worker whole on each of them.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { createApp, type App } from '../../src/app/app.ts';
import { loadCatalog } from '../../src/benefits/load.ts';
import { readCatalog } from '../../src/benefits/read.ts';
import type { ContractHarness } from '../../src/channels/contract.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { projectRoot } from '../../src/paths.ts';
import type { RateLimiter } from '../../src/queue/ratelimit.ts';

const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };

const SCRIPT: Array<{ says: string; expect: RegExp }> = [
  { says: 'qua tet', expect: /Tết Sum vầy[\s\S]*Cách đăng ký/ },
  { says: 'chu de khac', expect: /chủ đề/ },
  { says: 'theo hoan canh', expect: /đoàn viên công đoàn chưa/ },
  { says: 'roi', expect: /tỉnh, thành phố nào/ },
  { says: 'bac ninh', expect: /Bỏ qua/ },
  { says: 'may song hong viet', expect: /Sông Hồng/ },
  { says: '1', expect: /hoàn cảnh nào/ },
  { says: 'om dau', expect: /Quỹ hỗ trợ đoàn viên khó khăn các KCN Bắc Ninh[\s\S]*Thăm hỏi khi ốm đau/ },
  { says: 'dang ky muc 1', expect: /đồng ý cung cấp/ },
  { says: 'dong y', expect: /họ và tên/ },
  { says: 'Tran Thi Hoa', expect: /điện thoại/ },
  { says: '0987 654 321', expect: /PL-2026-[A-Z0-9]{6}/ },
];

for (const contract of contracts) {
  describe(`benefit lookup on ${contract.channel}`, () => {
    let app: App;
    let h: ContractHarness;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: 'memory://',
        APP_SECRET: 'channels-transcript-secret-0123456789ab',
        LOG_LEVEL: 'silent',
        SEED_CONTENT: 'false',
      });
      app = await createApp(config, {
        clock: () => now,
        limiter: unlimited,
        adapters: async (deps) => {
          h = await contract.start({
            sql: deps.sql!,
            sink: deps.sink,
            keyring: deps.keyring,
            notifier: deps.notifier,
            log: deps.log,
            now: () => now.getTime(),
          });
          return [h.adapter];
        },
      });
      await app.http.ready();
      await loadCatalog(app.db.prisma, readCatalog(resolve(projectRoot, 'content/benefits')).entries);
    });
    afterAll(async () => {
      await h?.stop();
      await app?.close();
    });

    async function says(user: string, text: string, seq: number): Promise<string> {
      h.reset();
      const res = await app.http.inject({ ...h.userMessage(user, { text }, seq), payload: h.userMessage(user, { text }, seq).body });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const rows = await app.db.sql.query<{ id: string }>(
        `SELECT id::text AS id FROM conversation WHERE channel = $1 AND external_id = $2`,
        [contract.channel, h.externalIdOf(user)],
      );
      await app.drain(rows[0]!.id);
      return h.seen(h.calls()).join('\n');
    }

    it('a worker finds what applies to them and applies through their grassroots union', async () => {
      let seq = 100;
      for (const step of SCRIPT) {
        const seen = await says('worker-1', step.says, ++seq);
        expect(seen, `after "${step.says}"`).toMatch(step.expect);
      }
      const req = await app.db.prisma.benefitRequest.findFirstOrThrow({ where: { channel: contract.channel } });
      const unit = await app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
      expect(req.routedToId).toBe(unit.id);
    });
  });
}
