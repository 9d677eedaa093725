import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');
/** YAML reads 2026-01-01 as a Date; content authors should not have to quote dates. */
const dateField = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), isoDate);

export const lawSchema = z.object({
  key: z.string().regex(/^[A-Z0-9]+$/),
  name: z.string().min(3),
  name_en: z.string().min(3),
  number: z.string().min(3),
  effective_from: dateField,
  effective_to: dateField.optional(),
  note: z.string().optional(),
});

export const lawsFileSchema = z.object({
  as_of: dateField,
  laws: z.array(lawSchema).min(1),
});

// a bare "24/11" or "300" in a YAML list is a number; keywords are words either way
const keywords = z.array(z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(2))).default([]);

export const articleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  law: z.string(),
  article: z.number().int().positive(),
  clause: z.string().regex(/^\d+$/).optional(),
  title: z.string().min(3),
  text: z.string().min(10),
  keywords,
  effective_from: dateField.optional(),
  effective_to: dateField.optional(),
  /** facts domain.md marks UNCONFIRMED (or secondary-source only): the answer says so */
  unconfirmed: z.boolean().default(false),
});

/** "BLLD 98" or "BLLD 98.1": law key, article, optional clause */
export const CITE_RE = /^([A-Z0-9]+) (\d+)(?:\.(\d+))?$/;

export const qaSchema = z.object({
  id: z.string().regex(/^qa-[a-z0-9-]+$/),
  topic: z.string().regex(/^[a-z_]+$/),
  q: z.string().min(5),
  alt: z.array(z.string().min(3)).default([]),
  a: z.string().min(10),
  a_en: z.string().optional(),
  cite: z.string().regex(CITE_RE, 'cite as "LAW article[.clause]"'),
  effective_from: dateField.optional(),
  effective_to: dateField.optional(),
  unconfirmed: z.boolean().default(false),
});

export const articlesFileSchema = z.object({ articles: z.array(articleSchema) });
export const qaFileSchema = z.object({ qa: z.array(qaSchema) });

export const heldoutFileSchema = z.object({
  items: z.array(
    z.object({
      expect: z.union([z.literal('none'), z.string().regex(/^[A-Z0-9]+ \d+$/)]),
      accented: z.string().min(3),
      unaccented: z.string().min(3),
      teencode: z.string().min(3),
    }),
  ),
});

export type Law = z.infer<typeof lawSchema>;
export const STYLES = ['accented', 'unaccented', 'teencode'] as const;
export type Style = (typeof STYLES)[number];

/** One searchable knowledge-base entry: an article summary or a curated Q&A pair. */
export interface KbEntry {
  id: string;
  kind: 'article' | 'qa';
  topic: string;
  law: string;
  article: number;
  clause?: string;
  /** question (Q&A) or article title */
  title: string;
  /** the rule in plain words */
  answer: string;
  answerEn?: string;
  /** other phrasings and keywords, searched with a higher weight than the answer */
  phrasings: string[];
  effectiveFrom: string;
  effectiveTo?: string;
  unconfirmed: boolean;
  /** set on entries made up for the benchmark: never shown to a worker */
  synthetic?: boolean;
}

export interface Citation {
  law: string;
  lawName: string;
  lawNameEn: string;
  lawNumber: string;
  article: number;
  clause?: string;
  /** "Điều 98 Bộ luật Lao động 2019" / "khoản 1 Điều 98 ..." */
  label: string;
  labelEn: string;
  effectiveFrom: string;
}
