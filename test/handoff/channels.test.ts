/**
 * An officer's reply reaches the worker on their own channel through the real adapters and the
 * fake platforms: Zalo within 48 h of the worker's last message, Messenger as RESPONSE within
 * 24 h and with the HUMAN_AGENT tag up to 7 days; past the window the API refuses (409).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messengerContract } from '../../adapters/messenger/contract.ts';
import { zaloContract } from '../../adapters/zalo/contract.ts';
import type { ChannelContract } from '../../src/channels/contract.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';
import { createOfficer } from '../../src/officers/accounts.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { MONDAY_9AM, UNIT } from './helpers.ts';

const HOUR = 3_600_000;

async function setup(contract: ChannelContract) {
  let now = MONDAY_9AM;
  const c = await openChannelApp(contract, { clock: () => now, env: { HANDOFF_DEFAULT_UNIT: UNIT, HANDOFF_ASSIGN_ONLINE_ONLY: 'false', SEED_DEMO: 'true', SEED_CONTENT: 'false' } });
  const o = await createOfficer(c.app.db.prisma, { username: `hoa-${contract.channel}`, name: 'Nguyễn Thị Hoa', password: 'mat-khau-rat-dai-123', role: 'officer', unitCode: UNIT, capacity: 2 });
  const token = mintOfficerToken(c.app.services.keyring, { officerId: o.id, unitCode: UNIT, scopePath: o.scopePath, role: 'officer' }, { now });
  const headers = { authorization: `Bearer ${token}` };
  const officerSays = async (conversationId: string, text: string) => {
    const res = await c.app.http.inject({ method: 'POST', url: `/api/officer/conversations/${conversationId}/reply`, headers, payload: { text } });
    return { status: res.statusCode, body: res.json() as { outboxId?: string; replyWindow?: unknown; error?: string } };
  };
  const windowOf = async (conversationId: string) => {
    const res = await c.app.http.inject({ method: 'GET', url: `/api/officer/conversations/${conversationId}`, headers });
    return (res.json() as { conversation: { replyWindow: unknown } }).conversation.replyWindow;
  };
  /** the worker last wrote this long before now */
  const lastWrote = (conversationId: string, agoMs: number) =>
    c.app.db.sql.query(`UPDATE conversation SET last_inbound_at = $2 WHERE id = $1::uuid`, [conversationId, new Date(now.getTime() - agoMs)]);
  const deliver = async (conversationId: string) => {
    c.h.reset();
    await c.app.drain(conversationId);
    return c.h.calls();
  };
  return { c, officerSays, windowOf, lastWrote, deliver, setNow: (d: Date) => (now = d) };
}

describe('officer replies on Messenger', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let c: ChannelApp;
  beforeAll(async () => {
    s = await setup(messengerContract);
    c = s.c;
  }, 300_000);
  afterAll(async () => c?.close());

  it('RESPONSE within 24 h, HUMAN_AGENT up to 7 days, then window_closed', async () => {
    expect(await c.says('lan', 'gặp cán bộ')).toMatch(/Nguyễn Thị Hoa đã nhận cuộc trò chuyện/);
    const id = await c.conversationOf('lan');

    await s.lastWrote(id, 2 * HOUR);
    let r = await s.officerSays(id, 'Chào chị, em là cán bộ công đoàn.');
    expect(r.status).toBe(200);
    expect(r.body.replyWindow).toMatchObject({ state: 'open' });
    let calls = await s.deliver(id);
    expect(c.h.seen(calls)).toEqual(['Chào chị, em là cán bộ công đoàn.']);
    expect(calls[0]!.body).toMatchObject({ messaging_type: 'RESPONSE' });

    await s.lastWrote(id, 30 * HOUR);
    expect(await s.windowOf(id)).toMatchObject({ state: 'open', tag: 'HUMAN_AGENT' });
    r = await s.officerSays(id, 'Chị gửi giúp em bảng lương nhé.');
    expect(r.status).toBe(200);
    calls = await s.deliver(id);
    expect(c.h.seen(calls)).toEqual(['Chị gửi giúp em bảng lương nhé.']);
    expect(calls[0]!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    await s.lastWrote(id, 8 * 24 * HOUR);
    expect(await s.windowOf(id)).toMatchObject({ state: 'closed' });
    r = await s.officerSays(id, 'Chị còn đó không?');
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('window_closed');
    expect(await s.deliver(id)).toEqual([]);
  });
});

describe('officer replies on Zalo', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  let c: ChannelApp;
  beforeAll(async () => {
    s = await setup(zaloContract);
    c = s.c;
  }, 300_000);
  afterAll(async () => c?.close());

  it('delivered within 48 h (closing near the end), window_closed after', async () => {
    expect(await c.says('minh', 'gap can bo')).toMatch(/Nguyễn Thị Hoa đã nhận cuộc trò chuyện/);
    const id = await c.conversationOf('minh');

    let r = await s.officerSays(id, 'Chào anh Minh, anh cần hỗ trợ gì?');
    expect(r.status).toBe(200);
    expect(c.h.seen(await s.deliver(id))).toEqual(['Chào anh Minh, anh cần hỗ trợ gì?']);

    await s.lastWrote(id, 47 * HOUR);
    expect(await s.windowOf(id)).toMatchObject({ state: 'closing' });
    r = await s.officerSays(id, 'Anh gửi giúp em hợp đồng lao động nhé.');
    expect(r.status).toBe(200);
    expect(c.h.seen(await s.deliver(id))).toEqual(['Anh gửi giúp em hợp đồng lao động nhé.']);

    await s.lastWrote(id, 49 * HOUR);
    r = await s.officerSays(id, 'Anh còn đó không?');
    expect(r).toMatchObject({ status: 409, body: { error: 'window_closed' } });
  });
});
