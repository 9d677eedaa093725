/** How typed answers are read: numbers, words, labels without diacritics, skips. */
import { describe, expect, it } from 'vitest';
import type { TurnInput } from '../../src/flowkit/types.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import { parseAnswer, SKIP_KEY } from './parse.ts';
import { overtimeSurvey } from './test-helpers.ts';

const [cap, worries, consent, comment] = overtimeSurvey().questions as [any, any, any, any];
const typed = (text: string, choiceKey?: string): TurnInput => ({
  kind: choiceKey ? 'choice' : 'text',
  text,
  normalized: normalizeForMatch(text),
  choiceKey,
  event: { channel: 'webchat', accountId: 't', platformUserId: 'u', conversationExternalId: 'u', dedupeKey: 'k', occurredAt: 0, kind: 'text', text },
});
const value = (q: any, text: string, key?: string) => {
  const r = parseAnswer(q, typed(text, key));
  return r.ok ? r.value : `error:${r.error}`;
};

describe('reading survey answers', () => {
  it('single choice: number, label without diacritics or with a typo, a tap', () => {
    expect(value(cap, '2')).toBe('keep_40');
    expect(value(cap, 'so 3')).toBe('lower');
    expect(value(cap, 'dong y')).toBe('agree');
    expect(value(cap, 'giu 40 gioo')).toBe('keep_40');
    expect(value(cap, 'Đồng ý', 'opt:agree')).toBe('agree');
    expect(value(cap, 'chac vay')).toBe('error:not_an_option');
  });

  it('multiple choice: "1, 3", "1 3", "suc khoe va gia dinh", at most max_choices', () => {
    expect(value(worries, '1, 3')).toEqual(['health', 'safety']);
    expect(value(worries, '3 1')).toEqual(['health', 'safety']);
    expect(value(worries, 'suc khoe va gia dinh')).toEqual(['health', 'family']);
    expect(value(worries, '1,2,3')).toBe('error:too_many');
    expect(value(worries, 'Gia đình', 'opt:family')).toEqual(['family']);
  });

  it('scale: "4", "bon", "bốn", "4 diem", "5/5", a tap', () => {
    for (const t of ['4', 'bon', 'bốn', '4 diem', 'cho 4 diem']) expect(value(consent, t), t).toBe(4);
    expect(value(consent, '5/5')).toBe(5);
    expect(value(consent, '3', 'opt:3')).toBe(3);
    for (const t of ['6', '0', 'muoi', 'tot']) expect(value(consent, t), t).toBe('error:scale');
  });

  it('free text up to 1000 characters; an optional question can be skipped', () => {
    expect(value(comment, '  nen tang luong lam them  ')).toBe('nen tang luong lam them');
    expect(value(comment, 'ư'.repeat(1000))).toHaveLength(1000);
    expect(value(comment, 'x'.repeat(1001))).toBe('error:too_long');
    expect(value(comment, 'bo qua')).toBeNull();
    expect(value(comment, 'ko co')).toBeNull();
    expect(value(comment, 'Bỏ qua', SKIP_KEY)).toBeNull();
    expect(value(cap, 'bo qua')).toBe('error:not_an_option');
  });
});
