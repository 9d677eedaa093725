import { URGENCIES, type Urgency } from '../../../src/cases/types.ts';
import type { AskStep, ChooseStep } from '../../../src/flowkit/types.ts';
import { normalizeForMatch } from '../../../src/lang/normalize.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { errorTextFor } from '../../registration/input.ts';
import { answersOf } from '../answers.ts';
import { parseDiscovered } from '../date.ts';
import { phrases } from '../phrases.ts';

/** What happened, in the worker's words; sealed in the state. Photos come at the evidence step. */
export const descriptionStep: AskStep<string> = {
  id: 'description',
  kind: 'ask',
  help: 'description.help',
  prompt: (ctx) => String(ctx.t('description.prompt')),
  parse(input, ctx) {
    if (input.kind === 'media' || (input.event.attachments?.length ?? 0) > 0) return { ok: false, error: 'media' };
    // newlines matter in a story: keep them, but clean each line like any free text
    const lines = input.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length === 0) return { ok: false, error: 'empty' };
    const checked = parseFreeText(lines.join(' '), { min: 10, max: 2000 });
    if (!checked.ok) return checked;
    return { ok: true, value: ctx.services.keyring.seal(lines.join('\n')) };
  },
  errorText: errorTextFor('description'),
};

export const discoveredStep: AskStep<string | null> = {
  id: 'discovered',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('discovered.prompt')),
  parse(input, ctx) {
    if (!input.text) return { ok: false, error: 'empty' };
    return parseDiscovered(input.text, ctx.now);
  },
  errorText: errorTextFor('discovered'),
};

const JUST_ME = /^(chi )?(minh|mot minh|1 minh|toi|em|chi minh toi|minh toi|chi co toi|only me|just me|me)( thoi)?$/;

export const affectedStep: AskStep<number> = {
  id: 'affected',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('affected.prompt')),
  parse(input) {
    if (!input.text) return { ok: false, error: 'empty' };
    const n = normalizeForMatch(input.text);
    if (JUST_ME.test(n)) return { ok: true, value: 1 };
    const digits = /(\d[\d.,]*)/.exec(input.text);
    if (!digits) return { ok: false, error: 'format' };
    const value = Number(digits[1]!.replace(/[.,]/g, ''));
    if (!Number.isInteger(value) || value < 1 || value > 200_000) return { ok: false, error: 'format' };
    return { ok: true, value };
  },
  errorText: errorTextFor('affected'),
};

export const urgencyStep: ChooseStep = {
  id: 'urgency',
  kind: 'choose',
  help: 'urgency.help',
  prompt: (ctx) => String(ctx.t('urgency.prompt')),
  options: (ctx) => [
    ...URGENCIES.map((u) => ({ key: u, label: String(ctx.t(`urgency.labels.${u}`)), synonyms: phrases(`urgency.words.${u}`) })),
    { key: 'none', label: String(ctx.t('urgency.labels.none')), synonyms: phrases('urgency.words.none') },
  ],
  after(key, ctx) {
    answersOf(ctx).urgency = key as Urgency | 'none';
    return undefined;
  },
};
