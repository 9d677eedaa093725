/**
 * "Xuất dữ liệu" through real adapters and their fake platforms: Telegram delivers files
 * (sendDocument by URL), so the worker gets the two single-use links as documents; Zalo's
 * consultation messages would send a file as a bare link (adapters/zalo/outbound.ts), so the
 * worker gets the summary in chat and no link is created.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { telegramContract } from '../../adapters/telegram/contract.ts';
import { zaloContract } from '../../adapters/zalo/contract.ts';
import type { ChannelContract } from '../../src/channels/contract.ts';
import { loadPrivacyConfig, setPrivacyConfig } from '../../src/privacy/config.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { seedRegistration } from './fixtures.ts';

const now = new Date('2026-11-23T09:00:00+07:00');
setPrivacyConfig(loadPrivacyConfig({ PUBLIC_URL: 'https://cd.example.vn' }));
afterAll(() => setPrivacyConfig(undefined));

async function exportOn(contract: ChannelContract): Promise<{ c: ChannelApp; seen: string; code: string }> {
  const c = await openChannelApp(contract, { clock: () => now, env: { SEED_CONTENT: 'false', PUBLIC_URL: 'https://cd.example.vn' } });
  await c.says('w1', 'chào');
  const conv = await c.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: await c.conversationOf('w1') } });
  const { cccd, code } = await seedRegistration(c.app, conv.identityId);
  await c.says('w1', 'xuat du lieu');
  await c.says('w1', 'xac minh bang cccd');
  await c.says('w1', cccd);
  const seen = await c.says('w1', '15/03/1995');
  return { c, seen, code };
}

describe('export by channel', () => {
  it('Telegram: two documents with single-use links', { timeout: 180_000 }, async () => {
    const { c, seen } = await exportOn(telegramContract);
    try {
      const files = seen.match(/\(file https:\/\/cd\.example\.vn\/my-data\/download\/[A-Za-z0-9_-]{43}\)/g) ?? [];
      expect(files).toHaveLength(2);
      expect(seen).toMatch(/một lần/);
      expect(await c.app.db.prisma.dataExportLink.count()).toBe(2);
      // the app serves the link (src/http/routes.ts) once: the platform fetches it, nobody after
      const path = new URL(files[0]!.slice(6, -1)).pathname;
      const first = await c.app.http.inject({ method: 'GET', url: path });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toMatch(/application\/json/);
      expect((await c.app.http.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    } finally {
      await c.close();
    }
  });

  it('Zalo: a summary in chat, no link', { timeout: 180_000 }, async () => {
    const { c, seen, code } = await exportOn(zaloContract);
    try {
      expect(seen).toMatch(/không gửi được tệp/);
      expect(seen).toContain(code);
      expect(seen).not.toMatch(/my-data\/download/);
      expect(await c.app.db.prisma.dataExportLink.count()).toBe(0);
    } finally {
      await c.close();
    }
  });
});
