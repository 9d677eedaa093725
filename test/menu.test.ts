/** The main menu fits a phone screen (≤ 10 entries) and still reaches every flow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTranscript, type Transcript } from './transcript.ts';
import { flows } from '../flows/index.ts';

describe('main menu', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(async () => chat?.close());

  it('pages the flows, ten entries at most, an officer on every page', async () => {
    const w = chat.worker('menu-user');
    const first = await w.says('menu');
    expect(first.choices.length).toBeLessThanOrEqual(10);
    expect(first.choices.map((c) => c.key)).toContain('cmd:human');
    const reached = new Set(first.choices.filter((c) => c.key.startsWith('flow:')).map((c) => c.key));
    let page = first;
    for (let i = 0; i < 5 && page.choices.some((c) => c.label === 'Xem thêm'); i++) {
      page = await w.taps('Xem thêm');
      expect(page.choices.length).toBeLessThanOrEqual(10);
      expect(page.choices.map((c) => c.key)).toContain('cmd:human');
      for (const c of page.choices) if (c.key.startsWith('flow:')) reached.add(c.key);
    }
    const menuFlows = flows.filter((f) => f.menu).map((f) => `flow:${f.id}`);
    expect([...reached].sort()).toEqual([...menuFlows].sort());
  });

  it('understands a number typed from a numbered menu', async () => {
    const w = chat.worker('menu-number');
    await w.says('menu');
    const bot = await w.says('1');
    expect(bot.text).toMatch(/đồng ý/i);
  });

  it('"dung" typed without diacritics is an answer, "dừng" with them stops', async () => {
    const w = chat.worker('dung-user');
    await w.says('dang ky');
    await w.says('dong y');
    const typed = await w.says('dung');
    expect(typed.text).not.toMatch(/Đã hủy/);
    const stop = await w.says('dừng');
    expect(stop.text).toMatch(/Đã hủy/);
  });
});
