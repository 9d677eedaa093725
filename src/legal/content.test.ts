import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadHeldout, loadKnowledgeBase } from './load.ts';
import { normalizeForMatch } from '../lang/normalize.ts';

const kb = loadKnowledgeBase();

describe('content/legal', () => {
  test('validates, and every entry names its law, article and effective date', () => {
    expect(kb.entries.length).toBeGreaterThan(100);
    for (const e of kb.entries) {
      expect(kb.laws.has(e.law), e.id).toBe(true);
      expect(e.article, e.id).toBeGreaterThan(0);
      expect(e.effectiveFrom, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const key of ['BLLD', 'BHXH', 'LVL', 'LCD', 'ND293']) expect(kb.entries.some((e) => e.law === key), key).toBe(true);
  });

  test('at least 80 curated Q&A pairs over at least 20 topics', () => {
    const qa = kb.entries.filter((e) => e.kind === 'qa');
    expect(qa.length).toBeGreaterThanOrEqual(80);
    expect(new Set(qa.map((e) => e.topic)).size).toBeGreaterThanOrEqual(20);
  });

  test('the held-out set has at least 60 questions in each of three styles and is not in the KB', () => {
    const items = loadHeldout().filter((i) => i.expect !== 'none');
    expect(items.length * 3).toBeGreaterThanOrEqual(60);
    const indexed = new Set(kb.entries.flatMap((e) => [e.title, ...e.phrasings].map(normalizeForMatch)));
    for (const i of items) {
      for (const q of [i.accented, i.unaccented, i.teencode]) expect(indexed.has(normalizeForMatch(q)), q).toBe(false);
      // the unaccented form really has no diacritics
      expect(i.unaccented).toBe(i.unaccented.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    }
  });

  // the research notes live beside the repository in the team workspace, not in it
  const NOTES = new URL('../../../shared/reference/domain.md', import.meta.url);
  test.skipIf(!existsSync(NOTES))('every number in an answer is a number in the research notes (no invented figures)', () => {
    const notes = readFileSync(NOTES, 'utf8');
    const canon = (s: string) => s.replace(/(\d)[.,](?=\d{3}(?!\d))/g, '$1').replace(',', '.');
    const known = new Set([...notes.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => canon(m[0])));
    const invented: string[] = [];
    for (const e of kb.entries) {
      for (const m of e.answer.matchAll(/\d+(?:[.,]\d+)*/g)) if (!known.has(canon(m[0]))) invented.push(`${e.id}: ${m[0]}`);
    }
    expect(invented).toEqual([]);
  });
});
