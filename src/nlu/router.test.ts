import { describe, expect, it } from 'vitest';
import { CLARIFY, CONFIDENT, createNluRouter, decideRoute, type NluRoute } from './router.ts';

const ALL_FLOWS = new Set(['registration', 'registration-status', 'grievance', 'case-status', 'benefits', 'quiz', 'survey', 'legal-qa', 'my-data']);
const route = createNluRouter({ hasFlow: (id) => ALL_FLOWS.has(id) });

/** Per intent: how the worker might type it without diacritics, and in teencode. */
const CASES: Array<{ intent: string; flowId?: string; command?: string; unaccented: string; teencode: string }> = [
  { intent: 'register', flowId: 'registration', unaccented: 'toi muon vao cong doan cong ty', teencode: 'e mun dky lam doan vien cd' },
  { intent: 'registration_status', flowId: 'registration-status', unaccented: 'dang ky cong doan cua toi duyet chua', teencode: 'hs dki cd cua mik sao r ad' },
  { intent: 'complaint', flowId: 'grievance', unaccented: 'cong ty khong tra luong thang nay', teencode: 'cty no lg e 3 thang r, e mun khieu nai' },
  { intent: 'case_status', flowId: 'case-status', unaccented: 'don khieu nai toi gui da xu ly chua', teencode: 'vu e phan anh sao r ad' },
  { intent: 'benefits', flowId: 'benefits', unaccented: 'doan vien duoc huong nhung quyen loi gi', teencode: 'vo cd dc nhung quyen loi j' },
  { intent: 'quiz', flowId: 'quiz', unaccented: 'cho toi choi trac nghiem phap luat', teencode: 'e mun choi do vui luat' },
  { intent: 'survey', flowId: 'survey', unaccented: 'toi muon lam phieu khao sat', teencode: 'cho e lm khao sat vs' },
  { intent: 'legal_question', flowId: 'legal-qa', unaccented: 'luat quy dinh nghi phep nam bao nhieu ngay', teencode: 'nghi phep 1 nam dc bn ngay theo luat' },
  { intent: 'human', command: 'human', unaccented: 'cho toi gap can bo cong doan', teencode: 'e mun nc vs can bo that' },
  { intent: 'my_data', flowId: 'my-data', unaccented: 'xoa thong tin ca nhan cua toi', teencode: 'xoa dl ca nhan cua e di' },
  { intent: 'menu', command: 'menu', unaccented: 'xem danh muc chuc nang', teencode: 'mo menu di ad' },
  { intent: 'language', command: 'lang_en', unaccented: 'doi sang tieng anh', teencode: 'tieng anh dc ko ad' },
  { intent: 'greeting', unaccented: 'xin chao ban', teencode: 'hi ad oi' },
  { intent: 'out_of_scope', unaccented: 'thoi tiet ngay mai the nao', teencode: 'kq bong da hqua' },
];

describe('NLU router', () => {
  for (const c of CASES) {
    for (const style of ['unaccented', 'teencode'] as const) {
      it(`routes ${c.intent} typed ${style}: "${c[style]}"`, () => {
        const r = route(c[style]);
        expect(r.intent).toBe(c.intent);
        expect(r.flowId).toBe(c.flowId);
        expect(r.command).toBe(c.command);
        if (c.intent !== 'out_of_scope') expect(r.confidence).toBeGreaterThanOrEqual(CONFIDENT);
      });
    }
  }

  it('sends a long story about unpaid overtime to the complaint flow', () => {
    const story =
      'Chào anh chị, em tên Lan, em làm công nhân ở công ty may ở Bình Dương được 3 năm rồi. Tháng 10 vừa rồi tổ em ' +
      'phải tăng ca gần như tối nào cũng đến 9 giờ, tổng cộng hơn 40 tiếng, nhưng lúc nhận lương thì phiếu lương không ' +
      'có khoản tiền tăng ca nào hết. Em hỏi tổ trưởng thì bảo công ty chưa tính, hỏi phòng nhân sự thì không ai trả lời. Em phải làm sao ạ?';
    const r = route(story);
    expect(r.intent).toBe('complaint');
    expect(r.flowId).toBe('grievance');
    expect(r.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    const teen = route('chao ad, e lm cty giay o bd 2 nam r, thang trc tca 45 tieng ma cty ko tra dong nao, hoi ql thi bi chui, h e phai lm sao');
    expect(teen.flowId).toBe('grievance');
  });

  it('sends a question about overtime law to legal Q&A', () => {
    for (const q of ['Theo luật thì tăng ca tối đa bao nhiêu giờ một tháng?', 'cho e hoi luat quy dinh tang ca dc toi da bn tieng 1 thang a']) {
      const r = route(q);
      expect(r.intent).toBe('legal_question');
      expect(r.flowId).toBe('legal-qa');
    }
  });

  it('lets a quoted code decide between a registration and a grievance', () => {
    expect(route('dk 2026 7kq4mx the nao r ad').flowId).toBe('registration-status');
    expect(route('PA-2026-K7M2QX toi dau roi').flowId).toBe('case-status');
  });

  it('reads which language the worker asks for', () => {
    expect(route('noi tieng viet di').command).toBe('lang_vi');
    expect(route('english please').command).toBe('lang_en');
  });

  it('falls back gracefully when the intent’s flow is not installed', () => {
    const bare = createNluRouter({ hasFlow: (id) => id === 'registration' });
    const r = bare('cty no lg e 3 thang r, e mun khieu nai');
    expect(r.intent).toBe('complaint');
    expect(r.flowId).toBeUndefined();
    expect(r.alternatives.every((a) => a.flowId === undefined || a.flowId === 'registration')).toBe(true);
    expect(decideRoute(r, 0)).toEqual({ action: 'not_understood', offerHuman: false });
  });

  it('sends a contest request to the contest and a bare quiz to practice, with the quiz flows as installed', () => {
    const quizFlows = new Set(['quiz-practice', 'quiz-contest']);
    const r = createNluRouter({ hasFlow: (id) => quizFlows.has(id) });
    expect(r('cho e choi do vui vs').flowId).toBe('quiz-practice');
    expect(r('cuoc thi tim hieu phap luat cd o dau').flowId).toBe('quiz-contest');
  });

  it('sends each flow’s own menu label, typed without diacritics, to that flow', () => {
    const installed = new Set([...ALL_FLOWS, 'quiz-practice', 'quiz-contest']);
    const r = createNluRouter({ hasFlow: (id) => installed.has(id) });
    const labels: Array<[string, string]> = [
      ['gia nhap cong doan', 'registration'],
      ['tra cuu ho so', 'registration-status'],
      ['gui phan anh', 'grievance'],
      ['tra cuu phan anh', 'case-status'],
      ['che do phuc loi', 'benefits'],
      ['hoi dap phap luat', 'legal-qa'],
      ['gop y du thao', 'survey'],
      ['thi tim hieu luat', 'quiz-contest'],
    ];
    for (const [label, flowId] of labels) expect(r(label).flowId, label).toBe(flowId);
  });

  it('picks the first installed id for the legal flow', () => {
    const r = createNluRouter({ hasFlow: (id) => id === 'legal' })('luat quy dinh tang ca toi da bao nhieu gio');
    expect(r.flowId).toBe('legal');
  });

  it('ranks alternatives below the top intent, most likely first', () => {
    const r = route('cong ty khong tra tien tang ca');
    expect(r.alternatives.length).toBeGreaterThan(0);
    expect(r.alternatives.every((a) => a.confidence <= r.confidence)).toBe(true);
    const confs = r.alternatives.map((a) => a.confidence);
    expect([...confs].sort((a, b) => b - a)).toEqual(confs);
  });
});

describe('decideRoute', () => {
  const base: NluRoute = { intent: 'complaint', confidence: 0.9, flowId: 'grievance', alternatives: [] };

  it('starts the flow or runs the command when confident', () => {
    expect(decideRoute(base, 0)).toEqual({ action: 'start', flowId: 'grievance' });
    expect(decideRoute({ intent: 'human', command: 'human', confidence: 0.9, alternatives: [] }, 0)).toEqual({ action: 'command', command: 'human' });
  });

  it('greets a greeting', () => {
    expect(decideRoute({ intent: 'greeting', confidence: 0.8, alternatives: [] }, 0)).toEqual({ action: 'greet' });
  });

  it('asks with the two most likely options when unsure', () => {
    const unsure: NluRoute = {
      intent: 'complaint',
      flowId: 'grievance',
      confidence: (CONFIDENT + CLARIFY) / 2,
      alternatives: [
        { intent: 'out_of_scope', confidence: 0.2 },
        { intent: 'legal_question', confidence: 0.15, flowId: 'legal-qa' },
      ],
    };
    expect(decideRoute(unsure, 0)).toEqual({
      action: 'clarify',
      options: [
        { intent: 'complaint', flowId: 'grievance' },
        { intent: 'legal_question', flowId: 'legal-qa' },
      ],
    });
  });

  it('offers the menu and a human on the second miss in a row', () => {
    const miss: NluRoute = { intent: 'out_of_scope', confidence: 0.9, alternatives: [] };
    expect(decideRoute(miss, 0)).toEqual({ action: 'not_understood', offerHuman: false });
    expect(decideRoute(miss, 1)).toEqual({ action: 'not_understood', offerHuman: true });
    expect(decideRoute({ ...base, confidence: CLARIFY / 2 }, 1)).toEqual({ action: 'not_understood', offerHuman: true });
  });
});
