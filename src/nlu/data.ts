import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../paths.ts';

export const STYLES = ['accented', 'unaccented', 'teencode'] as const;
export type Style = (typeof STYLES)[number];

export interface Example {
  text: string;
  intent: string;
  style: Style;
}

const IntentFile = z.object({
  intent: z.string().regex(/^[a-z_]+$/),
  examples: z.object({
    accented: z.array(z.string().min(1)).default([]),
    unaccented: z.array(z.string().min(1)).default([]),
    teencode: z.array(z.string().min(1)).default([]),
  }),
});

export const NLU_CONTENT_DIR = join(projectRoot, 'content', 'nlu');

/**
 * Examples of one split: content/nlu/train/*.yaml or content/nlu/heldout/*.yaml, one file per
 * intent. The held-out folder is read only by the evaluation; training never opens it.
 */
export function loadExamples(split: 'train' | 'heldout', dir = NLU_CONTENT_DIR): Example[] {
  const folder = join(dir, split);
  const out: Example[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
    const parsed = IntentFile.safeParse(parse(readFileSync(join(folder, file), 'utf8')));
    if (!parsed.success) throw new Error(`${split}/${file}: ${parsed.error.message}`);
    const { intent, examples } = parsed.data;
    for (const style of STYLES) for (const text of examples[style]) out.push({ text, intent, style });
  }
  return out;
}
