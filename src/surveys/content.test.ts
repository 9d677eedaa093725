/** Every survey in content/surveys validates; a broken file names itself and the path inside. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.ts';
import { formatProblem, loadSurveyDir, parseSurveyFile, surveyFiles } from './loader.ts';

const DIR = join(projectRoot, 'content', 'surveys');

describe('survey content files', () => {
  it('every file validates', () => {
    const r = loadSurveyDir(DIR);
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.surveys.length).toBeGreaterThanOrEqual(2);
    expect(r.surveys.length).toBe(surveyFiles(DIR).length);
    for (const s of r.surveys) {
      expect(s.draft.url).toMatch(/^https:\/\//);
      for (const q of s.questions) {
        if (q.type === 'single' || q.type === 'multiple') {
          for (const o of q.options) expect(Buffer.byteLength(`opt:${o.key}`)).toBeLessThanOrEqual(64);
        }
      }
    }
  });

  it('has the overtime draft and the union charter draft', () => {
    const ids = loadSurveyDir(DIR).surveys.map((s) => s.id);
    expect(ids).toContain('lam-them-gio-2026');
    expect(ids).toContain('dieu-le-cong-doan-khoa-xiv');
  });

  const good = readFileSync(join(DIR, 'lam-them-gio-2026.yaml'), 'utf8');

  it('a broken file reports the file and the path of each problem', () => {
    const broken = good.replace('type: scale', 'type: slider').replace('url: https://duthaoonline.quochoi.vn/', 'url: not a link');
    const r = parseSurveyFile('content/surveys/lam-them-gio-2026.yaml', broken);
    expect('problems' in r).toBe(true);
    const lines = 'problems' in r ? r.problems.map(formatProblem) : [];
    expect(lines.some((l) => l.startsWith('content/surveys/lam-them-gio-2026.yaml: questions.3.type'))).toBe(true);
    expect(lines.some((l) => l.startsWith('content/surveys/lam-them-gio-2026.yaml: draft.url'))).toBe(true);
  });

  it('rejects a close before the open, duplicate ids, long labels, bad YAML and a file name that differs from the id', () => {
    const f = 'x/lam-them-gio-2026.yaml';
    const problems = (src: string, name = f) => {
      const r = parseSurveyFile(name, src);
      return 'problems' in r ? r.problems.map(formatProblem) : [];
    };
    expect(problems(good.replace('closes_at: 2026-12-31T23:59:00+07:00', 'closes_at: 2026-11-01T00:00:00+07:00'))).toEqual([
      `${f}: closes_at: must be after opens_at`,
    ]);
    expect(problems(good.replace('id: current_hours', 'id: monthly_cap'))).toEqual([`${f}: questions.1.id: duplicate question id monthly_cap`]);
    expect(problems(good.replace('{ vi: Sức khỏe, en: Health }', '{ vi: Sức khỏe và tính mạng người lao động, en: Health }'))[0]).toMatch(
      /questions\.2\.options\.0\.label\.vi: .*20/,
    );
    expect(problems('id: [unclosed')[0]).toMatch(/^x\/lam-them-gio-2026\.yaml: YAML: /);
    expect(problems(good, 'x/other-name.yaml')).toEqual(['x/other-name.yaml: id: id "lam-them-gio-2026" must match the file name "other-name"']);
  });
});

describe('loading content at start-up (demo)', () => {
  it('stores every content survey once, against the demo org tree', async () => {
    const { openTranscript } = await import('../../test/transcript.ts');
    const { ensureContentSurveys } = await import('./seed.ts');
    const chat = await openTranscript();
    try {
      const db = chat.app.db.prisma as unknown as Parameters<typeof ensureContentSurveys>[0];
      const first = await ensureContentSurveys(db, DIR, new Date('2026-11-22T02:00:00Z'));
      expect(first).toMatchObject({ inserted: surveyFiles(DIR).length, updated: 0, unknownUnits: [] });
      const again = await ensureContentSurveys(db, DIR, new Date('2026-11-22T02:00:00Z'));
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: surveyFiles(DIR).length });
      const w = chat.worker('content-reader');
      const reply = await w.says('gop y');
      // on 22/11/2026 the overtime draft is open to everyone; the charter survey closed in 2025
      expect(reply.text).toMatch(/Góp ý dự thảo sửa đổi quy định về làm thêm giờ/);
      expect(reply.text).not.toMatch(/Điều lệ/);
    } finally {
      await chat.close();
    }
  });
});
