import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from './cli.ts';
import { startFakeZalo, type FakeZalo } from './testing/fake-zalo.ts';
import { TEST_APP_ID, TEST_APP_SECRET, TEST_OA_ID, TEST_OA_SECRET } from './testing/sign.ts';

let fake: FakeZalo;
beforeAll(async () => {
  fake = await startFakeZalo({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
});
afterAll(() => fake.close());
afterEach(() => vi.restoreAllMocks());

const command = (name: string) => commands.find((c) => c.name === name)!;
const env = (extra: Record<string, string> = {}) => ({
  DATA_DIR: 'memory://',
  APP_SECRET: 'cli-test-master-secret-0123456789abcdef',
  ZALO_OA_ID: TEST_OA_ID,
  ZALO_APP_ID: TEST_APP_ID,
  ZALO_OA_SECRET_KEY: TEST_OA_SECRET,
  ZALO_APP_SECRET: TEST_APP_SECRET,
  ZALO_API_BASE: fake.url,
  ZALO_OAUTH_BASE: fake.url,
  ...extra,
});

async function output(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  await run();
  return lines.join('\n');
}

describe('zalo CLI commands', () => {
  it('zalo:webhook-info prints the URL to paste and the events to tick', async () => {
    const out = await output(() => command('zalo:webhook-info').run(env({ PUBLIC_URL: 'https://bot.congdoan.vn/' }), {}));
    expect(out).toContain('Webhook URL: https://bot.congdoan.vn/webhooks/zalo');
    for (const e of ['user_send_text', 'user_submit_info', 'follow', 'unfollow', 'oa_send_text', 'user_seen_message']) expect(out).toContain(`- ${e}`);
    const noUrl = await output(() => command('zalo:webhook-info').run(env(), {}));
    expect(noUrl).toContain('set PUBLIC_URL');
  });

  it('zalo:set-tokens stores the pair (and never prints it)', async () => {
    const out = await output(() => command('zalo:set-tokens').run(env(), { access: 'cli-access-token', refresh: 'cli-refresh-token', expiresIn: '90000' }));
    expect(out).toMatch(/stored \(version 1\); access token expires: \d{4}-/);
    expect(out).not.toContain('cli-access-token');
    await expect(command('zalo:set-tokens').run(env(), { access: 'a' })).rejects.toThrow(/--refresh/);
    await expect(command('zalo:set-tokens').run(env(), { access: 'a', refresh: 'b', expiresIn: 'soon' })).rejects.toThrow(/--expires-in/);
  });

  it('zalo:refresh-token rotates the pair with the token endpoint', async () => {
    const before = fake.tokens;
    const out = await output(() => command('zalo:refresh-token').run(env({ ZALO_ACCESS_TOKEN: before.access, ZALO_REFRESH_TOKEN: before.refresh }), {}));
    expect(out).toMatch(/refreshed \(version 2\)/);
    expect(fake.tokens.refresh).not.toBe(before.refresh);
    await expect(command('zalo:refresh-token').run(env(), {})).rejects.toThrow(/zalo:set-tokens/);
  });

  it('a command without Zalo configured says which variables to set', async () => {
    await expect(command('zalo:webhook-info').run({}, {})).rejects.toThrow(/ZALO_OA_ID/);
  });
});
