/**
 * Benefit lookup and "Đăng ký nhận hỗ trợ" on every channel, through the adapters and their fake
 * platforms (as test/channels-transcript.test.ts does for registration): the long answer with
 * how to apply must reach the worker whole on each of them.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { loadCatalog } from '../../src/benefits/load.ts';
import { readCatalog } from '../../src/benefits/read.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { projectRoot } from '../../src/paths.ts';
import { openChannelApp, type ChannelApp } from '../../test/channel-app.ts';

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
    let c: ChannelApp;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      c = await openChannelApp(contract, { clock: () => now, env: { SEED_CONTENT: 'false' } });
      await loadCatalog(c.app.db.prisma, readCatalog(resolve(projectRoot, 'content/benefits')).entries);
    });
    afterAll(async () => c?.close());

    it('a worker finds what applies to them and applies through their grassroots union', async () => {
      for (const step of SCRIPT) {
        const seen = await c.says('worker-1', step.says);
        expect(seen, `after "${step.says}"`).toMatch(step.expect);
      }
      const req = await c.app.db.prisma.benefitRequest.findFirstOrThrow({ where: { channel: contract.channel } });
      const unit = await c.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
      expect(req.routedToId).toBe(unit.id);
    });
  });
}
