import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { projectRoot } from '../paths.ts';
import {
  articlesFileSchema,
  CITE_RE,
  heldoutFileSchema,
  lawsFileSchema,
  qaFileSchema,
  type Citation,
  type KbEntry,
  type Law,
} from './schema.ts';

export const LEGAL_DIR = join(projectRoot, 'content/legal');

export interface KnowledgeBase {
  asOf: string;
  laws: Map<string, Law>;
  entries: KbEntry[];
  byId: Map<string, KbEntry>;
}

function readYaml<S extends z.ZodType>(dir: string, file: string, schema: S): z.infer<S> {
  const raw = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`content/legal/${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/**
 * Reads and validates content/legal at start. Cross-checks what zod cannot: unique ids, every
 * cited law exists, effective dates in order. A broken file stops the process, never a turn.
 */
export function loadKnowledgeBase(dir = LEGAL_DIR): KnowledgeBase {
  const lawsFile = readYaml(dir, 'laws.yaml', lawsFileSchema);
  const laws = new Map(lawsFile.laws.map((l) => [l.key, l]));
  const entries: KbEntry[] = [];
  const lawOf = (key: string, where: string): Law => {
    const law = laws.get(key);
    if (!law) throw new Error(`content/legal: ${where} cites unknown law ${key}`);
    return law;
  };

  for (const a of readYaml(dir, 'articles.yaml', articlesFileSchema).articles) {
    const law = lawOf(a.law, a.id);
    entries.push({
      id: a.id,
      kind: 'article',
      topic: 'article',
      law: a.law,
      article: a.article,
      clause: a.clause,
      title: a.title,
      answer: a.text,
      phrasings: a.keywords,
      effectiveFrom: a.effective_from ?? law.effective_from,
      effectiveTo: a.effective_to ?? law.effective_to,
      unconfirmed: a.unconfirmed,
    });
  }
  for (const q of readYaml(dir, 'qa.yaml', qaFileSchema).qa) {
    const [, lawKey, article, clause] = CITE_RE.exec(q.cite)!;
    const law = lawOf(lawKey!, q.id);
    entries.push({
      id: q.id,
      kind: 'qa',
      topic: q.topic,
      law: lawKey!,
      article: Number(article),
      clause,
      title: q.q,
      answer: q.a,
      answerEn: q.a_en,
      phrasings: q.alt,
      effectiveFrom: q.effective_from ?? law.effective_from,
      effectiveTo: q.effective_to ?? law.effective_to,
      unconfirmed: q.unconfirmed || /chưa xác nhận|chưa đối chiếu/i.test(q.a),
    });
  }

  const byId = new Map<string, KbEntry>();
  for (const e of entries) {
    if (byId.has(e.id)) throw new Error(`content/legal: duplicate id ${e.id}`);
    if (e.effectiveTo && e.effectiveTo < e.effectiveFrom) throw new Error(`content/legal: ${e.id} ends before it starts`);
    byId.set(e.id, e);
  }
  return { asOf: lawsFile.as_of, laws, entries, byId };
}

export function loadHeldout(dir = LEGAL_DIR) {
  return readYaml(dir, 'eval/heldout.yaml', heldoutFileSchema).items;
}

export function citationOf(kb: KnowledgeBase, e: Pick<KbEntry, 'law' | 'article' | 'clause' | 'effectiveFrom'>): Citation {
  const law = kb.laws.get(e.law)!;
  const art = `Điều ${e.article} ${law.name}`;
  const artEn = `Article ${e.article}, ${law.name_en}`;
  return {
    law: e.law,
    lawName: law.name,
    lawNameEn: law.name_en,
    lawNumber: law.number,
    article: e.article,
    clause: e.clause,
    label: e.clause ? `khoản ${e.clause} ${art}` : art,
    labelEn: e.clause ? `clause ${e.clause}, ${artEn}` : artEn,
    effectiveFrom: e.effectiveFrom,
  };
}

let cached: KnowledgeBase | undefined;
/** The process-wide knowledge base, read once. */
export function knowledgeBase(): KnowledgeBase {
  cached ??= loadKnowledgeBase();
  return cached;
}
