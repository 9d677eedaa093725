import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { TEST_SITE, openTestDatabase, startWebchatHarness, type WebchatHarness } from './testing/harness.ts';
import { tokenClaims } from './testing/directline-client.ts';

let db: Database;
let h: WebchatHarness;
let clock = Date.now();

beforeAll(async () => {
  db = await openTestDatabase();
  h = await startWebchatHarness({ db, now: () => clock, tokenTtlSeconds: 600 });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});

async function newConversation() {
  const res = await h.app.inject({ method: 'POST', url: '/directline/tokens/generate' });
  expect(res.statusCode).toBe(200);
  return res.json() as { token: string; conversationId: string; expires_in: number };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

function postActivity(token: string, conv: string, body: unknown) {
  return h.app.inject({ method: 'POST', url: `/directline/conversations/${conv}/activities`, headers: auth(token), payload: body as object });
}

async function poll(token: string, conv: string, watermark?: string) {
  const q = watermark === undefined ? '' : `?watermark=${watermark}`;
  const res = await h.app.inject({ method: 'GET', url: `/directline/conversations/${conv}/activities${q}`, headers: auth(token) });
  expect(res.statusCode).toBe(200);
  return res.json() as { activities: Array<Record<string, any>>; watermark: string };
}

async function rowsWithKey(prefix: string) {
  return db.prisma.$queryRaw<Array<{ key: string }>>`SELECT key FROM webchat_activity WHERE key LIKE ${prefix + '%'} ORDER BY seq`;
}

async function conversationUuid(conv: string) {
  const rows = await db.prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id::text AS id FROM conversation WHERE channel = 'webchat' AND external_id = ${conv}`;
  return rows[0]!.id;
}

describe('tokens', () => {
  it('mints a server-chosen dl_ user and conversation, ignoring any client user id', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/directline/tokens/generate', payload: { user: { id: 'admin' } } });
    const body = res.json();
    const claims = tokenClaims(body.token);
    expect(claims.user).toMatch(/^dl_[\w-]{16}$/);
    expect(claims.conv).toBe(body.conversationId);
    expect(body.expires_in).toBe(600);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refreshes a valid token for the same conversation and user', async () => {
    const { token, conversationId } = await newConversation();
    const res = await h.app.inject({ method: 'POST', url: '/directline/tokens/refresh', headers: auth(token) });
    expect(res.statusCode).toBe(200);
    expect(tokenClaims(res.json().token)).toMatchObject({ conv: conversationId, user: tokenClaims(token).user });
  });

  it('starts and reconnects with a streamUrl carrying a short-lived stream token', async () => {
    const { token, conversationId } = await newConversation();
    const start = await h.app.inject({ method: 'POST', url: '/directline/conversations', headers: auth(token), payload: {} });
    expect(start.statusCode).toBe(201);
    expect(start.json()).toMatchObject({ conversationId, token });
    expect(start.json().streamUrl).toMatch(new RegExp(`^ws://localhost:80/directline/conversations/${conversationId}/stream\\?watermark=&t=`));
    const again = await h.app.inject({ method: 'GET', url: `/directline/conversations/${conversationId}?watermark=7`, headers: auth(token) });
    expect(again.statusCode).toBe(200);
    expect(again.json().streamUrl).toContain('watermark=7&t=');
  });
});

describe('authorization', () => {
  it('401 without a token or with a forged one, 403 when expired or for another conversation', async () => {
    const a = await newConversation();
    const b = await newConversation();
    const url = `/directline/conversations/${a.conversationId}/activities`;

    expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/directline/conversations' })).statusCode).toBe(401);

    const [header, payload, sig] = a.token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...tokenClaims(a.token), conv: b.conversationId })).toString('base64url');
    for (const forged of [`${header}.${forgedPayload}.${sig}`, `${header}.${payload}.${sig!.slice(0, -2)}xx`, 'garbage']) {
      expect((await h.app.inject({ method: 'GET', url, headers: auth(forged) })).statusCode).toBe(401);
    }

    // b's valid token on a's conversation
    const cross = await postActivity(b.token, a.conversationId, { type: 'message', text: 'xin chào' });
    expect(cross.statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url, headers: auth(b.token) })).statusCode).toBe(403);

    const stream = await h.app.inject({ method: 'GET', url: `/directline/conversations/${a.conversationId}/stream?t=${a.token}` });
    expect(stream.statusCode).toBe(401); // a conversation token is not a stream token

    clock += 601_000;
    try {
      const expired = await h.app.inject({ method: 'GET', url, headers: auth(a.token) });
      expect(expired.statusCode).toBe(403);
      expect(expired.json().error).toBe('token_expired');
      expect((await h.app.inject({ method: 'POST', url: '/directline/tokens/refresh', headers: auth(a.token) })).statusCode).toBe(403);
    } finally {
      clock -= 601_000;
    }
    expect(h.sink.calls.some((e) => e.conversationExternalId === a.conversationId)).toBe(false);
  });
});

describe('posting activities', () => {
  it('a retried post (same clientActivityID) stores one echo, returns the same id and carries one dedupe key', async () => {
    const { token, conversationId } = await newConversation();
    const body = { type: 'message', text: 'Tôi muốn đăng ký công đoàn', from: { id: 'spoofed' }, channelData: { clientActivityID: 'c-1' } };
    const first = await postActivity(token, conversationId, body);
    const second = await postActivity(token, conversationId, body);
    expect(first.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().id).toMatch(new RegExp(`^${conversationId}\\|\\d{10}$`));

    const key = `webchat:${TEST_SITE}:${conversationId}:c-1`;
    expect(await rowsWithKey(`in:${key}`)).toHaveLength(1);
    const calls = h.sink.calls.filter((e) => e.conversationExternalId === conversationId);
    // The adapter hands every post to the pipeline (a first attempt may have died after the
    // echo); the shared dedupe key makes the second a no-op there: one inbox row.
    expect(new Set(calls.map((e) => e.dedupeKey))).toEqual(new Set([key]));
    const inbox = await db.prisma.$queryRaw<unknown[]>`SELECT 1 FROM inbox_message WHERE dedupe_key = ${key}`;
    expect(inbox).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'text', text: 'Tôi muốn đăng ký công đoàn', platformUserId: tokenClaims(token).user, accountId: TEST_SITE });

    const { activities } = await poll(token, conversationId);
    expect(activities).toHaveLength(1);
    // personal data: the transcript row is sealed at rest
    const stored = await db.sql.query<{ activity: Record<string, unknown> }>(`SELECT activity FROM webchat_activity WHERE key = $1`, [`in:${key}`]);
    expect(stored[0]!.activity).toEqual({ type: 'message', sealed: expect.any(String) });
    expect(JSON.stringify(stored[0]!.activity)).not.toContain('đăng ký');
    expect(activities[0]).toMatchObject({
      id: first.json().id,
      type: 'message',
      text: 'Tôi muốn đăng ký công đoàn',
      from: { id: tokenClaims(token).user, role: 'user' },
      channelData: { clientActivityID: 'c-1' },
    });
  });

  it('rejects a 5 KB text with a clear 400 and stores nothing', async () => {
    const { token, conversationId } = await newConversation();
    const before = h.sink.calls.length;
    const res = await postActivity(token, conversationId, { type: 'message', text: 'a'.repeat(5 * 1024), channelData: { clientActivityID: 'big' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'text_too_long', message: 'Tin nhắn quá dài: tối đa 4096 ký tự.' });
    expect(h.sink.calls.length).toBe(before);
    expect(await rowsWithKey(`in:webchat:${TEST_SITE}:${conversationId}:`)).toHaveLength(0);
  });

  it('rejects malformed activities and unknown events', async () => {
    const { token, conversationId } = await newConversation();
    expect((await postActivity(token, conversationId, { type: 'invoke' })).statusCode).toBe(400);
    expect((await postActivity(token, conversationId, { type: 'message', text: '   ' })).json().error).toBe('empty_message');
    expect((await postActivity(token, conversationId, { type: 'event', name: 'other' })).json().error).toBe('unsupported_event');
    expect((await postActivity(token, conversationId, { type: 'typing' })).statusCode).toBe(200);
    expect(h.sink.calls.some((e) => e.conversationExternalId === conversationId)).toBe(false);
  });

  it('a tap (messageBack with the choice key) is a choice; the join event is a start, once per conversation', async () => {
    const { token, conversationId } = await newConversation();
    await postActivity(token, conversationId, { type: 'event', name: 'webchat/join', channelData: { clientActivityID: 'j1' } });
    await postActivity(token, conversationId, { type: 'event', name: 'webchat/join', channelData: { clientActivityID: 'j2' } });
    const tap = await postActivity(token, conversationId, {
      type: 'message',
      value: 'register',
      channelData: { clientActivityID: 't1', messageBack: { displayText: 'Đăng ký đoàn viên' } },
    });
    expect(tap.statusCode).toBe(200);
    // a card's postBack: Web Chat sends a string value as text
    await postActivity(token, conversationId, { type: 'message', text: 'faq', channelData: { clientActivityID: 't2', postBack: true } });
    const calls = h.sink.calls.filter((e) => e.conversationExternalId === conversationId);
    expect(calls.map((e) => e.kind)).toEqual(['start', 'start', 'choice', 'choice']);
    expect(calls[0]!.dedupeKey).toBe(calls[1]!.dedupeKey);
    expect(calls[2]).toMatchObject({ choiceKey: 'register', text: 'Đăng ký đoàn viên' });
    expect(calls[3]).toMatchObject({ choiceKey: 'faq' });
    expect(calls[3]!.text).toBeUndefined();

    const { activities } = await poll(token, conversationId);
    expect(activities.map((a) => a.type)).toEqual(['event', 'message', 'message']);
    expect(activities[1]).toMatchObject({ text: 'Đăng ký đoàn viên', value: 'register', channelData: { clientActivityID: 't1', messageBack: { displayText: 'Đăng ký đoàn viên' } } });
  });
});

describe('polling and send()', () => {
  it('returns only activities after the watermark', async () => {
    const { token, conversationId } = await newConversation();
    await postActivity(token, conversationId, { type: 'message', text: 'một', channelData: { clientActivityID: 'p1' } });
    await postActivity(token, conversationId, { type: 'message', text: 'hai', channelData: { clientActivityID: 'p2' } });
    const first = await poll(token, conversationId);
    expect(first.activities.map((a) => a.text)).toEqual(['một', 'hai']);

    await h.adapter.send({
      outboxId: 'poll-1',
      conversationId: await conversationUuid(conversationId),
      externalId: conversationId,
      accountId: TEST_SITE,
      locale: 'vi',
      message: { kind: 'text', text: 'ba' },
      attempt: 1,
    });
    const next = await poll(token, conversationId, first.watermark);
    expect(next.activities.map((a) => a.text)).toEqual(['ba']);
    expect(BigInt(next.watermark)).toBeGreaterThan(BigInt(first.watermark));
    expect((await poll(token, conversationId, next.watermark)).activities).toEqual([]);
    // a nonsense watermark means "from the start", not an error
    expect((await poll(token, conversationId, 'abc')).activities).toHaveLength(3);
  });

  it('maps choices to messageBack suggested actions, answers the echo, and a re-sent outbox row shows once', async () => {
    const { token, conversationId } = await newConversation();
    const posted = await postActivity(token, conversationId, { type: 'message', text: 'menu', channelData: { clientActivityID: 'm1' } });
    const req = {
      outboxId: 'choices-1',
      conversationId: await conversationUuid(conversationId),
      externalId: conversationId,
      accountId: TEST_SITE,
      locale: 'vi',
      message: {
        kind: 'choices' as const,
        text: 'Bạn cần gì?',
        choices: [
          { key: 'register', label: 'Đăng ký đoàn viên' },
          { key: 'faq', label: 'Hỏi đáp pháp luật' },
        ],
      },
      attempt: 1,
      replyTo: { dedupeKey: `webchat:${TEST_SITE}:${conversationId}:m1` },
    };
    const r1 = await h.adapter.send(req);
    const r2 = await h.adapter.send({ ...req, attempt: 2 });
    expect(r1).toEqual({ ok: true, platformMessageId: expect.stringMatching(new RegExp(`^${conversationId}\\|`)) });
    expect(r2).toEqual(r1);

    const { activities } = await poll(token, conversationId);
    expect(activities).toHaveLength(2);
    const bot = activities[1]!;
    expect(bot).toMatchObject({
      type: 'message',
      from: { id: 'union-assistant', name: 'Trợ lý Công đoàn', role: 'bot' },
      text: 'Bạn cần gì?',
      replyToId: posted.json().id,
      suggestedActions: {
        actions: [
          { type: 'messageBack', title: 'Đăng ký đoàn viên', displayText: 'Đăng ký đoàn viên', text: 'Đăng ký đoàn viên', value: 'register' },
          { type: 'messageBack', title: 'Hỏi đáp pháp luật', displayText: 'Hỏi đáp pháp luật', text: 'Hỏi đáp pháp luật', value: 'faq' },
        ],
      },
    });
    expect(bot.id).toBe(r1.ok && r1.platformMessageId);
  });

  it('degrades: too many choices become a numbered text, a long text is split into keyed parts', async () => {
    const { token, conversationId } = await newConversation();
    await postActivity(token, conversationId, { type: 'message', text: 'x', channelData: { clientActivityID: 'd1' } });
    const base = { conversationId: await conversationUuid(conversationId), externalId: conversationId, accountId: TEST_SITE, locale: 'vi', attempt: 1 };
    const choices = Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, label: `Mục ${i + 1}` }));
    await h.adapter.send({ ...base, outboxId: 'deg-1', message: { kind: 'choices', text: 'Chọn:', choices } });
    const long = Array.from({ length: 120 }, (_, i) => `Câu số ${i} nói về quyền lợi đoàn viên.`).join(' ');
    await h.adapter.send({ ...base, outboxId: 'deg-2', message: { kind: 'text', text: long } });
    await h.adapter.send({ ...base, outboxId: 'deg-2', message: { kind: 'text', text: long } });

    const bots = (await poll(token, conversationId)).activities.filter((a) => a.from.role === 'bot');
    expect(bots[0]!.suggestedActions).toBeUndefined();
    expect(bots[0]!.text).toContain('12. Mục 12');
    expect(bots.length).toBe(3);
    expect(bots.slice(1).map((a) => a.text).join(' ')).toBe(long);
    expect((await rowsWithKey('out:deg-2')).map((r) => r.key)).toEqual(['out:deg-2:0', 'out:deg-2:1']);
  });

  it('maps cards to hero cards and media to attachments', async () => {
    const { token, conversationId } = await newConversation();
    await postActivity(token, conversationId, { type: 'message', text: 'x', channelData: { clientActivityID: 'c1' } });
    const base = { conversationId: await conversationUuid(conversationId), externalId: conversationId, accountId: TEST_SITE, locale: 'vi', attempt: 1 };
    await h.adapter.send({
      ...base,
      outboxId: 'card-1',
      message: { kind: 'cards', cards: [{ title: 'Trợ cấp', subtitle: 'Khi ốm đau', imageUrl: 'https://example.org/a.png', buttons: [{ label: 'Xem', key: 'benefit:1' }, { label: 'Web', url: 'https://example.org' }] }] },
    });
    await h.adapter.send({ ...base, outboxId: 'media-1', message: { kind: 'media', mediaType: 'image', url: 'https://example.org/poster.png', caption: 'Áp phích' } });
    const [card, media] = (await poll(token, conversationId)).activities.filter((a) => a.from.role === 'bot');
    expect(card!.attachments[0]).toEqual({
      contentType: 'application/vnd.microsoft.card.hero',
      content: {
        title: 'Trợ cấp',
        subtitle: 'Khi ốm đau',
        images: [{ url: 'https://example.org/a.png' }],
        buttons: [
          { type: 'messageBack', title: 'Xem', displayText: 'Xem', text: 'Xem', value: 'benefit:1' },
          { type: 'openUrl', title: 'Web', value: 'https://example.org' },
        ],
      },
    });
    expect(media).toMatchObject({ text: 'Áp phích', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/poster.png' }] });
  });

  it('writes a missing echo before the answer, so the user message always comes first', async () => {
    const { token, conversationId } = await newConversation();
    const claims = tokenClaims(token);
    const event = {
      channel: 'webchat' as const,
      accountId: TEST_SITE,
      platformUserId: claims.user,
      conversationExternalId: conversationId,
      dedupeKey: `webchat:${TEST_SITE}:${conversationId}:early`,
      platformMessageId: 'early',
      kind: 'text' as const,
      text: 'nhanh',
      occurredAt: Date.now(),
    };
    // As if the pipeline answered before the post handler wrote the echo.
    const accepted = await h.sink.accept(event);
    await h.adapter.send({
      outboxId: 'early-1',
      conversationId: accepted.conversationId,
      externalId: conversationId,
      accountId: TEST_SITE,
      locale: 'vi',
      message: { kind: 'text', text: 'trả lời' },
      attempt: 1,
      replyTo: { dedupeKey: event.dedupeKey },
    });
    const { activities } = await poll(token, conversationId);
    expect(activities.map((a) => [a.from.role, a.text])).toEqual([
      ['user', 'nhanh'],
      ['bot', 'trả lời'],
    ]);
    expect(activities[0]!.channelData.clientActivityID).toBe('early');
    expect(activities[1]!.replyToId).toBe(activities[0]!.id);
  });
});

describe('page', () => {
  it('serves the Vietnamese page with a CSP, and the bundle gzipped with a long cache', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('<title>Trợ lý Công đoàn</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script

    const src = /src="(\/webchat\/webchat\.js\?v=[^"]+)"/.exec(page.body)![1]!;
    const js = await h.app.inject({ method: 'GET', url: src, headers: { 'accept-encoding': 'gzip, br' } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(js.headers['cache-control']).toContain('max-age=31536000');
    expect(js.rawPayload.length).toBeLessThan(1_500_000);
    expect((await h.app.inject({ method: 'GET', url: '/webchat/../package.json' })).statusCode).toBe(404);
  });
});
