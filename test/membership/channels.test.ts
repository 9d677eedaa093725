/**
 * A worker applies through a real adapter (signed webhooks, fake platform), an officer decides
 * through the HTTP API, and the decision leaves through the same adapter: the approval with the
 * card image, or the refusal with its reason. "the doan vien" later shows the card again there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { officerOf, type Officer } from './helpers.ts';

const apply = (name: string, dob: string, gender: string, cccd: string, phone: string) => [
  'dang ky',
  'dong y',
  name,
  dob,
  gender,
  cccd,
  phone,
  'Cong ty TNHH May Song Hong Viet',
  'KCN Que Vo, Bac Ninh',
  'bac ninh',
  '1',
  'dung roi',
];

const CHANNELS = ['webchat', 'zalo'] as const;

for (const contract of contracts.filter((c) => (CHANNELS as readonly string[]).includes(c.channel))) {
  describe(`registration decisions on ${contract.channel}`, () => {
    let c: ChannelApp;
    let officer: Officer;
    const now = new Date('2026-11-22T09:00:00+07:00');

    /** Types the whole application; returns the registration id. */
    async function applies(user: string, lines: string[]): Promise<string> {
      let last = '';
      for (const line of lines) last = await c.says(user, line);
      const code = /DK-2026-[A-Z0-9]{6}/.exec(last)?.[0];
      expect(code, last).toBeDefined();
      return (await c.app.db.prisma.registration.findUniqueOrThrow({ where: { code: code! } })).id;
    }

    /** What the fake platform received for this worker after an officer's action and a delivery run. */
    async function deliveredTo(user: string): Promise<{ seen: string; raw: string }> {
      await c.app.drain(await c.conversationOf(user));
      return { seen: c.h.seen(c.h.calls()).join('\n'), raw: JSON.stringify(c.h.calls().map((x) => x.body)) };
    }

    beforeAll(async () => {
      c = await openChannelApp(contract, { clock: () => now });
      const unit = await c.app.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'grassroots', name: { contains: 'May Sông Hồng Việt' } } });
      officer = await officerOf(c.app, unit.code);
    }, 300_000);
    afterAll(async () => c?.close());

    it('approval: the worker gets the news and the card image on their platform, and can ask for it again', { timeout: 300_000 }, async () => {
      const id = await applies('an', apply('Nguyen Van An', '15/03/1995', 'nam', '001095012345', '0912 345 678'));
      c.h.reset();
      const res = await c.app.http.inject({ method: 'POST', url: `/api/officer/registrations/${id}/approve`, headers: officer.headers });
      expect(res.statusCode, res.body).toBe(200);
      const { memberNo, cardUrl } = res.json() as { memberNo: string; cardUrl: string };
      const got = await deliveredTo('an');
      expect(got.seen).toContain('Chúc mừng bạn!');
      expect(got.seen).toContain(`Số thẻ đoàn viên: ${memberNo}`);
      expect(got.raw).toContain(cardUrl);

      const again = await c.says('an', 'the doan vien');
      expect(again).toContain(memberNo);
      expect(JSON.stringify(c.h.calls().map((x) => x.body))).toContain(cardUrl);
      // the link the platform fetches serves the image
      const img = await c.app.http.inject({ method: 'GET', url: new URL(cardUrl).pathname });
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
    });

    it('rejection: the reason reaches the worker on their platform', { timeout: 300_000 }, async () => {
      const id = await applies('binh', apply('Tran Thi Binh', '20/07/1995', 'nu', '001195067890', '0987 654 321'));
      c.h.reset();
      const reason = 'Hồ sơ thiếu chữ ký số, mời bạn đến công đoàn cơ sở để ký đơn';
      const res = await c.app.http.inject({ method: 'POST', url: `/api/officer/registrations/${id}/reject`, headers: officer.headers, payload: { reason } });
      expect(res.statusCode, res.body).toBe(200);
      const got = await deliveredTo('binh');
      expect(got.seen).toContain('chưa được Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt chấp nhận');
      expect(got.seen).toContain(`Lý do: ${reason}`);
    });
  });
}
