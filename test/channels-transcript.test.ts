/**
 * The same registration transcript on every channel (issue 3): the worker's messages go in as
 * the platform would post them (signed webhooks), run through the real pipeline and flows, and
 * come out through the adapter to the channel's fake platform, where we read what the worker
 * would see. No line of flow code knows which channel it is on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../adapters/contracts.ts';
import { createApp, type App } from '../src/app/app.ts';
import { loadConfig } from '../src/config.ts';
import type { ContractHarness } from '../src/channels/contract.ts';
import type { RateLimiter } from '../src/queue/ratelimit.ts';

const unlimited: RateLimiter = { take: async () => 0, block: async () => {}, close: async () => {} };

const SCRIPT: Array<{ says: string; expect: RegExp }> = [
  { says: 'dang ky', expect: /đồng ý/i },
  { says: 'dong y', expect: /họ và tên/i },
  { says: 'Nguyen Van An', expect: /ngày sinh/i },
  { says: '15/03/1995', expect: /giới tính/i },
  { says: 'nam', expect: /căn cước/i },
  { says: '001095012345', expect: /điện thoại/i },
  { says: '0912 345 678', expect: /làm việc ở đâu|công ty/i },
  { says: 'Cong ty TNHH May Song Hong Viet', expect: /địa chỉ/i },
  { says: 'KCN Que Vo, Bac Ninh', expect: /tỉnh|thành phố/i },
  { says: 'bac ninh', expect: /Sông Hồng/ },
  { says: '1', expect: /đã đúng chưa|kiểm tra/i },
  { says: 'dung roi', expect: /DK-2026-[A-Z0-9]{6}/ },
];

for (const contract of contracts) {
  describe(`registration on ${contract.channel}`, () => {
    let app: App;
    let h: ContractHarness;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        DATA_DIR: 'memory://',
        APP_SECRET: 'channels-transcript-secret-0123456789ab',
        LOG_LEVEL: 'silent',
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

    it('a worker registers by typing, without diacritics, and gets a reference code', async () => {
      let seq = 100;
      for (const step of SCRIPT) {
        const seen = await says('worker-1', step.says, ++seq);
        expect(seen, `after "${step.says}"`).toMatch(step.expect);
      }
      const reg = await app.db.prisma.registration.findFirstOrThrow({ where: { channel: contract.channel } });
      expect(reg.status).toBe('cho_duyet');
    });
  });
}
