import { z } from 'zod';

/** Both languages for every text a worker sees: the flow never falls back to a key. */
const text = (max: number) =>
  z.object({ vi: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict();

/** Option keys travel in Telegram callback_data (64 bytes) next to a prefix. */
const key = z.string().regex(/^[a-z0-9_]{1,32}$/, 'lowercase letters, digits and _ (≤ 32)');

// Messenger quick replies show 20 characters: a longer label would be cut mid-word
const option = z.object({ key, label: text(20) }).strict();

const base = {
  id: key,
  text: text(500),
  required: z.boolean().default(true),
};

const single = z.object({ ...base, type: z.literal('single'), options: z.array(option).min(2).max(10) }).strict();
const multiple = z
  .object({
    ...base,
    type: z.literal('multiple'),
    options: z.array(option).min(2).max(10),
    max_choices: z.number().int().min(1).optional(),
  })
  .strict();
const scale = z
  .object({ ...base, type: z.literal('scale'), low: text(40), high: text(40) })
  .strict();
const freeText = z
  .object({ ...base, type: z.literal('text'), max_length: z.number().int().min(1).max(1000).default(1000) })
  .strict();

export const questionSchema = z.discriminatedUnion('type', [single, multiple, scale, freeText]);

export const surveySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,47}$/, 'lowercase slug, 3–48 characters'),
    title: text(200),
    /** the menu/button label of the survey: Messenger quick replies show 20 characters */
    short_title: text(20),
    draft: z
      .object({
        name: text(200),
        summary: text(1500),
        url: z.url({ protocol: /^https$/ }),
      })
      .strict(),
    opens_at: z.iso.datetime({ offset: true }),
    closes_at: z.iso.datetime({ offset: true }),
    anonymous: z.boolean(),
    target: z
      .object({
        audience: z.enum(['members', 'everyone']),
        /** org unit codes; each one covers its whole subtree */
        units: z.array(z.string().regex(/^[A-Z0-9-]{2,20}$/)).min(1),
      })
      .strict(),
    questions: z.array(questionSchema).min(1).max(30),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (Date.parse(s.closes_at) <= Date.parse(s.opens_at)) {
      ctx.addIssue({ code: 'custom', path: ['closes_at'], message: 'must be after opens_at' });
    }
    const ids = new Set<string>();
    s.questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${q.id}` });
      ids.add(q.id);
      if (q.type === 'single' || q.type === 'multiple') {
        const keys = new Set<string>();
        q.options.forEach((o, j) => {
          if (keys.has(o.key)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options', j, 'key'], message: `duplicate option key ${o.key}` });
          keys.add(o.key);
        });
      }
      if (q.type === 'multiple' && q.max_choices !== undefined && q.max_choices > q.options.length) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'max_choices'], message: 'more than the number of options' });
      }
    });
  });

export type Survey = z.infer<typeof surveySchema>;
export type Question = z.infer<typeof questionSchema>;
export type Bilingual = { vi: string; en: string };
