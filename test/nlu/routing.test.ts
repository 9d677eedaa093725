/**
 * Issue 6, "Done when": accent-less and teencode versions of each intent route correctly on
 * every channel; a story-first message about unpaid overtime routes to complaint, a question
 * about overtime law to legal Q&A.
 *
 * No adapter rewrites a worker's text (each hands the engine the message as typed), so the
 * routing decision is channel-independent: the first block checks it on the router directly,
 * with the text as each channel delivers it. The second block is the end-to-end version through
 * each channel's webhook; it waits for FlowEngine.routeFreeInput to call the router (see the
 * NLU report) and for the complaint and legal flows to be registered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contracts } from '../../adapters/contracts.ts';
import { openChannelApp, type ChannelApp } from '../channel-app.ts';
import { CHANNELS } from '../../src/core/model.ts';
import { createNluRouter, decideRoute } from '../../src/nlu/router.ts';

const FLOWS = new Set(['registration', 'registration-status', 'grievance', 'case-status', 'benefits', 'quiz', 'survey', 'legal-qa', 'my-data']);
const route = createNluRouter({ hasFlow: (id) => FLOWS.has(id) });

type Expect = { flowId: string } | { command: 'human' | 'menu' | 'lang_en' | 'lang_vi' } | { greet: true };

/** What a worker types, in two styles, and what the assistant must do with it. */
const SCRIPT: Array<{ intent: string; unaccented: string; teencode: string; expect: Expect }> = [
  { intent: 'register', unaccented: 'lam sao de vao cong doan', teencode: 'e mun dki cd', expect: { flowId: 'registration' } },
  { intent: 'registration_status', unaccented: 'don dang ky doan vien cua toi duyet chua', teencode: 'dk cd cua e duyet chua ad', expect: { flowId: 'registration-status' } },
  { intent: 'complaint', unaccented: 'cong ty khong dong bao hiem cho toi', teencode: 'cty ko dong bhxh cho e', expect: { flowId: 'grievance' } },
  { intent: 'case_status', unaccented: 'phan anh cua toi xu ly toi dau roi', teencode: 'don khieu nai cua e sao r', expect: { flowId: 'case-status' } },
  { intent: 'benefits', unaccented: 'doan vien duoc ho tro gi', teencode: 'dv cd dc nhung quyen loi j', expect: { flowId: 'benefits' } },
  { intent: 'quiz', unaccented: 'choi do vui phap luat', teencode: 'cho e thi trac nghiem vs', expect: { flowId: 'quiz' } },
  { intent: 'survey', unaccented: 'toi muon gop y cho cong doan', teencode: 'e mun lm khao sat', expect: { flowId: 'survey' } },
  { intent: 'legal_question', unaccented: 'thu viec toi da bao nhieu ngay', teencode: 'nghi thai san dc may thang a', expect: { flowId: 'legal-qa' } },
  { intent: 'human', unaccented: 'toi muon noi chuyen voi can bo', teencode: 'cho e gap ng that', expect: { command: 'human' } },
  { intent: 'my_data', unaccented: 'toi muon xoa du lieu ca nhan', teencode: 'xoa ttin cua e di', expect: { flowId: 'my-data' } },
  { intent: 'menu', unaccented: 'cho xem cac chuc nang', teencode: 'mo menu', expect: { command: 'menu' } },
  { intent: 'language', unaccented: 'chuyen sang tieng anh', teencode: 'eng pls', expect: { command: 'lang_en' } },
  { intent: 'greeting', unaccented: 'xin chao', teencode: 'hi ad', expect: { greet: true } },
];

const STORY =
  'Chào anh chị, em làm ở công ty điện tử ở Bắc Ninh được 2 năm. Từ tháng 8 đến giờ tổ em tăng ca liên tục, ' +
  'tháng nào cũng hơn 40 tiếng, mà lương về không có đồng tiền tăng ca nào, hỏi quản lý thì bảo công ty khó khăn. ' +
  'Anh chị em trong tổ ai cũng bức xúc. Giờ em phải làm sao ạ';
const STORY_TEEN = 'a chi oi e lm cty dien tu o bac ninh 2 nam, tu thang 8 tca lien tuc thang nao cx hon 40 tieng ma lg ve ko co dong tien tca nao, hoi ql thi bao cty kho khan, h e phai lm sao';
const LAW_QUESTION = 'Luật quy định làm thêm giờ tối đa bao nhiêu tiếng một năm ạ?';
const LAW_QUESTION_TEEN = 'luat quy dinh tang ca toi da 1 nam bn tieng a';

function act(text: string) {
  return decideRoute(route(text), 0);
}

function expected(e: Expect) {
  if ('flowId' in e) return { action: 'start', flowId: e.flowId };
  if ('command' in e) return { action: 'command', command: e.command };
  return { action: 'greet' };
}

describe.each(CHANNELS.map((c) => [c]))('free text routing on %s', () => {
  for (const s of SCRIPT) {
    it(`${s.intent}: "${s.unaccented}" and "${s.teencode}"`, () => {
      expect(act(s.unaccented)).toEqual(expected(s.expect));
      expect(act(s.teencode)).toEqual(expected(s.expect));
    });
  }

  it('a long story about unpaid overtime starts the complaint flow', () => {
    expect(act(STORY)).toEqual({ action: 'start', flowId: 'grievance' });
    expect(act(STORY_TEEN)).toEqual({ action: 'start', flowId: 'grievance' });
  });

  it('a question about overtime law starts legal Q&A', () => {
    expect(act(LAW_QUESTION)).toEqual({ action: 'start', flowId: 'legal-qa' });
    expect(act(LAW_QUESTION_TEEN)).toEqual({ action: 'start', flowId: 'legal-qa' });
  });
});

/**
 * End to end: each line is a worker's first message, posted as the channel's platform would
 * post it (signed webhook), through the real pipeline, flows and adapter. Where the message
 * lands is read from the conversation itself: the flow it is in, who owns it, its language.
 */
for (const contract of contracts) {
  describe(`end to end through the ${contract.channel} webhook`, () => {
    let c: ChannelApp;
    let seq = 0;
    const now = new Date('2026-11-22T09:00:00+07:00');

    beforeAll(async () => {
      c = await openChannelApp(contract, { clock: () => now });
    });
    afterAll(async () => c?.close());

    /** a new worker's first message; returns where the conversation is afterwards and what they saw */
    async function first(text: string) {
      const user = `nlu-${++seq}`;
      const seen = await c.says(user, text);
      const after = (await c.app.db.sql.query<{ state: { flow?: { id: string } }; owner: string; locale: string }>(
        `SELECT state, owner, locale FROM conversation WHERE id = $1::uuid`,
        [await c.conversationOf(user)],
      ))[0]!;
      return { flow: after.state.flow?.id, owner: after.owner, locale: after.locale, seen };
    }

    async function check(text: string, e: Expect) {
      const r = await first(text);
      if ('flowId' in e) {
        // a flow that answers in one turn (legal Q&A) may already be waiting for feedback: still its flow
        const flow = r.flow ?? (e.flowId === 'legal-qa' && /Căn cứ|Điều/.test(r.seen) ? 'legal-qa' : undefined);
        // "quiz" is a practice round or a contest, whichever the words name
        if (e.flowId === 'quiz') expect(flow, text).toMatch(/^quiz-(practice|contest)$/);
        else expect(flow, text).toBe(e.flowId);
      } else if ('command' in e && e.command === 'human') expect(r.owner, text).toBe('human');
      else if ('command' in e && e.command === 'lang_en') expect(r.locale, text).toBe('en');
      else expect(r.seen, text).toMatch(/Bạn cần hỗ trợ việc gì/);
    }

    it('each intent typed without diacritics, and in teencode, gets where it should', async () => {
      for (const s of SCRIPT) {
        await check(s.unaccented, s.expect);
        await check(s.teencode, s.expect);
      }
    });

    it('a story about unpaid overtime starts the complaint flow; a question about overtime law is answered with its article', async () => {
      expect((await first(STORY)).flow).toBe('grievance');
      expect((await first(STORY_TEEN)).flow).toBe('grievance');
      expect((await first(LAW_QUESTION)).seen).toMatch(/Điều 107/);
      expect((await first(LAW_QUESTION_TEEN)).seen).toMatch(/Điều 107/);
    });
  });
}
