/**
 * The same registration transcript on every channel (issue 3): the worker's messages go in as
 * the platform would post them (signed webhooks), run through the real pipeline and flows, and
 * come out through the adapter to the channel's fake platform, where we read what the worker
 * would see. No line of flow code knows which channel it is on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../adapters/contracts.ts';
import { openChannelApp, type ChannelApp } from './channel-app.ts';

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
    let c: ChannelApp;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      c = await openChannelApp(contract, { clock: () => now });
    });
    afterAll(async () => c?.close());

    it('a worker registers by typing, without diacritics, and gets a reference code', async () => {
      for (const step of SCRIPT) {
        const seen = await c.says('worker-1', step.says);
        expect(seen, `after "${step.says}"`).toMatch(step.expect);
      }
      const reg = await c.app.db.prisma.registration.findFirstOrThrow({ where: { channel: contract.channel } });
      expect(reg.status).toBe('cho_duyet');
    });
  });
}
