/**
 * Issue 8: what the union sends to a web chat while the worker is away is shown at their next
 * visit. The page keeps a resume key on the device; these tests play the page's part over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { chatAccountSubject } from '../../src/privacy/subject.ts';
import { executeErasure } from '../../src/privacy/erase.ts';
import { freshSchema, servicesAvailable, type TestSchema } from '../../test/env.ts';
import { startWebchatHarness, echoBot, type WebchatHarness } from './testing/harness.ts';
import { tokenClaims } from './testing/directline-client.ts';

// PostgreSQL rather than PGlite: two visits racing for one key need real concurrent writers (and
// a fresh schema migrates faster than an in-memory PGlite).
const available = await servicesAvailable();
const DAY = 86_400_000;
let schema: TestSchema;
let db: Database;
let h: WebchatHarness;
let clock = Date.parse('2026-11-02T08:00:00Z');

beforeAll(async () => {
  if (!available) return;
  schema = await freshSchema('resume');
  db = await openDatabase({ url: schema.url, schema: schema.schema, dataDir: '' });
  await db.migrate();
  h = await startWebchatHarness({ db, bot: echoBot, now: () => clock, tokenTtlSeconds: 3600, resumeDays: 30 });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
  await schema?.drop();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
type Activity = { type: string; text?: string; name?: string; from: { id: string; role?: string } };

/** A first visit: a new conversation, the join and one message, as the page does them. */
async function firstVisit(text: string) {
  const gen = (await h.app.inject({ method: 'POST', url: '/directline/tokens/generate' })).json() as { token: string; conversationId: string };
  const { token, conversationId } = gen;
  const post = (body: object) =>
    h.app.inject({ method: 'POST', url: `/directline/conversations/${conversationId}/activities`, headers: auth(token), payload: body });
  expect((await post({ type: 'event', name: 'webchat/join', channelData: { clientActivityID: 'join-1' } })).statusCode).toBe(200);
  expect((await post({ type: 'message', text, channelData: { clientActivityID: 'm-1' } })).statusCode).toBe(200);
  await h.settled();
  return { token, conversationId };
}

const remember = (token: string) => h.app.inject({ method: 'POST', url: '/directline/tokens/remember', headers: auth(token) });
const resume = (resumeKey: string) => h.app.inject({ method: 'POST', url: '/directline/tokens/resume', payload: { resumeKey } });
const forget = (opts: { token?: string; resumeKey?: string }) =>
  h.app.inject({
    method: 'POST',
    url: '/directline/tokens/forget',
    headers: opts.token ? auth(opts.token) : {},
    payload: opts.resumeKey ? { resumeKey: opts.resumeKey } : {},
  });

async function activities(token: string, conversationId: string, watermark?: string) {
  const q = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await h.app.inject({ method: 'GET', url: `/directline/conversations/${conversationId}/activities${q}`, headers: auth(token) });
  expect(res.statusCode).toBe(200);
  return res.json() as { activities: Activity[]; watermark: string };
}

const texts = (list: Activity[]) => list.filter((a) => a.type === 'message').map((a) => `${a.from.role}: ${a.text}`);

describe.skipIf(!available)('a worker who closed the tab comes back', () => {
  it('sees the notice sent while away, in the same conversation, and the used key stops working', async () => {
    // Visit 1: the worker talks; the page asks for a key once the conversation exists.
    const visit1 = await firstVisit('lương tháng này chậm');
    const kept = await remember(visit1.token);
    expect(kept.statusCode).toBe(200);
    const { resumeKey: key1, resumeExpiresAt } = kept.json() as { resumeKey: string; resumeExpiresAt: string };
    expect(key1).toMatch(/^[\w-]{43}$/);
    expect(resumeExpiresAt).toBe(new Date(clock + 30 * DAY).toISOString());
    const seenOnVisit1 = await activities(visit1.token, visit1.conversationId);
    const greeting = 'bot: Xin chào! Tôi là Trợ lý Công đoàn.';
    expect(texts(seenOnVisit1.activities)).toEqual([greeting, 'user: lương tháng này chậm', 'bot: echo: lương tháng này chậm']);
    // the page closes: its token is gone with the tab

    // Meanwhile an officer's notice goes out through the real delivery step.
    const notice = 'Phản ánh PA-2026-7K3M9Q của bạn đã được cán bộ tiếp nhận.';
    expect(await h.deliverNotice(visit1.conversationId, [{ kind: 'text', text: notice }])).toEqual(['sent']);

    // Visit 2, three days later: the visit-1 token has long expired; the key brings the worker back.
    clock += 3 * DAY;
    const refreshed = await h.app.inject({ method: 'POST', url: '/directline/tokens/refresh', headers: auth(visit1.token) });
    expect(refreshed.statusCode).toBe(403);
    const back = await resume(key1);
    expect(back.statusCode).toBe(200);
    const visit2 = back.json() as { token: string; conversationId: string; resumeKey: string; resumeExpiresAt: string };
    expect(visit2.conversationId).toBe(visit1.conversationId);
    expect(tokenClaims(visit2.token)).toMatchObject({ conv: visit1.conversationId, user: tokenClaims(visit1.token).user });
    expect(visit2.resumeKey).not.toBe(key1);
    expect(visit2.resumeExpiresAt).toBe(new Date(clock + 30 * DAY).toISOString()); // 30 days from the last visit

    // The whole history, as Web Chat replays it, with the notice last; from the old watermark, only the notice.
    const all = await activities(visit2.token, visit2.conversationId);
    expect(texts(all.activities)).toEqual([greeting, 'user: lương tháng này chậm', 'bot: echo: lương tháng này chậm', `bot: ${notice}`]);
    const since = await activities(visit2.token, visit2.conversationId, seenOnVisit1.watermark);
    expect(texts(since.activities)).toEqual([`bot: ${notice}`]);

    // Rotation: the key used for visit 2 no longer opens anything; its successor does.
    expect((await resume(key1)).statusCode).toBe(404);
    const visit3 = await resume(visit2.resumeKey);
    expect(visit3.statusCode).toBe(200);
    expect(visit3.json().conversationId).toBe(visit1.conversationId);
  });

  it('keeps only a keyed hash of the key, one live key per conversation', async () => {
    const visit = await firstVisit('xin chào');
    const first = (await remember(visit.token)).json().resumeKey as string;
    const second = (await remember(visit.token)).json().resumeKey as string;
    const rows = await db.sql.query<{ key_hash: string }>(
      `SELECT k.key_hash FROM webchat_resume_key k JOIN conversation c ON c.id = k.conversation_id WHERE c.external_id = $1`,
      [visit.conversationId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key_hash).toBe(h.keyring.lookupHash('webchat-resume', second));
    expect(rows[0]!.key_hash).not.toContain(second);
    expect((await resume(first)).statusCode).toBe(404); // replaced by the second
    expect((await resume(second)).statusCode).toBe(200);
  });

  it('two tabs presenting the same key at once: one continues the conversation, the other is refused', async () => {
    const visit = await firstVisit('hai tab cùng lúc');
    const key = (await remember(visit.token)).json().resumeKey as string;
    const answers = await Promise.all(Array.from({ length: 4 }, () => resume(key)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 404, 404, 404]);
  });

  it('is not given a key before the conversation exists, nor without a token', async () => {
    const gen = (await h.app.inject({ method: 'POST', url: '/directline/tokens/generate' })).json() as { token: string };
    expect((await remember(gen.token)).statusCode).toBe(409);
    expect((await h.app.inject({ method: 'POST', url: '/directline/tokens/remember' })).statusCode).toBe(401);
  });
});

describe.skipIf(!available)('keys that do not work start a new conversation', () => {
  it('an expired key (30 days without a visit) is refused; the page then starts over', async () => {
    const visit = await firstVisit('tôi cần hỏi về bảo hiểm');
    const key = (await remember(visit.token)).json().resumeKey as string;
    clock += 30 * DAY + 1000;
    expect((await resume(key)).statusCode).toBe(404);
    // what the page does next: a new conversation, with a user of its own
    const fresh = (await h.app.inject({ method: 'POST', url: '/directline/tokens/generate' })).json() as { token: string; conversationId: string };
    expect(fresh.conversationId).not.toBe(visit.conversationId);
    expect(tokenClaims(fresh.token).user).not.toBe(tokenClaims(visit.token).user);
  });

  it('unknown and malformed keys get 404 and 400, never a token', async () => {
    expect((await resume('A'.repeat(43))).statusCode).toBe(404);
    const malformed = await h.app.inject({ method: 'POST', url: '/directline/tokens/resume', payload: {} });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).not.toHaveProperty('token');
  });
});

describe.skipIf(!available)('forgetting', () => {
  it('"End & forget on this device" revokes the key, by token or by the key itself', async () => {
    const a = await firstVisit('máy dùng chung');
    const keyA = (await remember(a.token)).json().resumeKey as string;
    expect((await forget({ token: a.token, resumeKey: keyA })).statusCode).toBe(204);
    expect((await resume(keyA)).statusCode).toBe(404);

    // the token expired while the computer slept: the key alone is enough
    const b = await firstVisit('máy ở nhà văn hoá');
    const keyB = (await remember(b.token)).json().resumeKey as string;
    clock += 2 * 3600_000;
    expect((await forget({ token: b.token, resumeKey: keyB })).statusCode).toBe(204);
    expect((await resume(keyB)).statusCode).toBe(404);

    expect((await forget({})).statusCode).toBe(401);
  });

  it('a worker who deletes their data ("xóa dữ liệu của tôi") loses the key with the transcript', async () => {
    const visit = await firstVisit('xoá dữ liệu của tôi');
    const key = (await remember(visit.token)).json().resumeKey as string;
    const identity = await db.sql.query<{ id: string }>(
      `SELECT identity_id::text AS id FROM conversation WHERE channel = 'webchat' AND external_id = $1`,
      [visit.conversationId],
    );
    const outcome = await db.prisma.$transaction((tx) => executeErasure(tx, h.keyring, chatAccountSubject(identity[0]!.id), new Date(clock)));
    expect(outcome.deleted.webchatResumeKeys).toBe(1);
    expect((await resume(key)).statusCode).toBe(404);
  });
});

describe.skipIf(!available)('WEBCHAT_RESUME_DAYS=0', () => {
  it('offers no key and accepts none, and the page does not mention it', async () => {
    const off = await startWebchatHarness({ db, now: () => clock, resumeDays: 0 });
    try {
      const gen = (await off.app.inject({ method: 'POST', url: '/directline/tokens/generate' })).json() as { token: string; conversationId: string };
      await off.app.inject({
        method: 'POST',
        url: `/directline/conversations/${gen.conversationId}/activities`,
        headers: auth(gen.token),
        payload: { type: 'event', name: 'webchat/join', channelData: { clientActivityID: 'j' } },
      });
      expect((await off.app.inject({ method: 'POST', url: '/directline/tokens/remember', headers: auth(gen.token) })).statusCode).toBe(404);
      // a key issued while it was on stops working once it is off
      const visit = await firstVisit('trước khi tắt');
      const key = (await remember(visit.token)).json().resumeKey as string;
      expect((await off.app.inject({ method: 'POST', url: '/directline/tokens/resume', payload: { resumeKey: key } })).statusCode).toBe(404);
      const page = (await off.app.inject({ method: 'GET', url: '/' })).body;
      expect(page).toContain('data-resume-days="0"');
    } finally {
      await off.close();
    }
  });
});

describe.skipIf(!available)('the page', () => {
  it('says in Vietnamese that the chat is remembered here and how to end that; in English with ?lang=en', async () => {
    const vi = (await h.app.inject({ method: 'GET', url: '/' })).body;
    expect(vi).toContain('<html lang="vi">');
    expect(vi).toContain('data-resume-days="30"');
    expect(vi).toContain('Cuộc trò chuyện được lưu trên máy này 30 ngày');
    expect(vi).toContain('>Kết thúc &amp; xoá trên máy này</button>');
    const attribute = /data-text="([^"]*)"/.exec(vi)![1]!;
    const text = JSON.parse(attribute.replace(/&(quot|amp|lt|gt|#39);/g, (_m, e: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" })[e]!)) as Record<string, string>;
    expect(text).toMatchObject({ locale: 'vi-VN', placeholder: 'Nhập tin nhắn…', startNew: 'Bắt đầu cuộc trò chuyện mới' });

    const en = (await h.app.inject({ method: 'GET', url: '/?lang=en' })).body;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('stays on this device for 30 days after your last visit');
    expect(en).toContain('>End &amp; forget on this device</button>');
    expect(en).not.toMatch(/\{\{[^}]*\}\}/); // every placeholder filled
  });
});
