import { checkAttachments, MAX_ATTACHMENTS_PER_CASE, type CheckedAttachment } from '../../../src/cases/attachments.ts';
import type { AskStep, FlowContext, ParseResult, TurnInput } from '../../../src/flowkit/types.ts';
import { matchOption } from '../../../src/lang/match.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { errorTextFor } from '../../registration/input.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

export const DONE_KEY = 'evidence:done';

export type EvidenceInput = { done: true } | { files: CheckedAttachment[] } | { text: string };

/**
 * One message of evidence or added information: files (checked for type and size), "xong" to
 * finish, or — where `allowText` — words. Shared by filing and by adding to an open case.
 */
export function parseEvidence(input: TurnInput, opts: { allowText: boolean; have: number }): ParseResult<EvidenceInput> {
  const attachments = input.event.attachments ?? [];
  if (attachments.length > 0) {
    const r = checkAttachments(attachments);
    if (!r.ok) return { ok: false, error: r.error, params: r.params };
    if (opts.have + r.value.length > MAX_ATTACHMENTS_PER_CASE) return { ok: false, error: 'too_many', params: { max: MAX_ATTACHMENTS_PER_CASE } };
    return { ok: true, value: { files: r.value } };
  }
  if (input.kind === 'media') return { ok: false, error: 'unsupported_type', params: { name: '' } };
  if (input.choiceKey === DONE_KEY || (input.text && matchOption(input.text, [{ key: 'done', synonyms: phrases('evidence.done_words') }]))) {
    return { ok: true, value: { done: true } };
  }
  if (!opts.allowText) return { ok: false, error: input.text ? 'not_a_file' : 'empty' };
  const text = parseFreeText(input.text, { min: 2, max: 2000 });
  return text.ok ? { ok: true, value: { text: text.value } } : text;
}

export function sealedFiles(ctx: FlowContext, sealed: string | undefined): CheckedAttachment[] {
  return sealed ? (JSON.parse(ctx.services.keyring.open(sealed)) as CheckedAttachment[]) : [];
}

/** Photos and files, as many messages as the worker needs, until "xong". */
export const evidenceStep: AskStep<EvidenceInput> = {
  id: 'evidence',
  kind: 'ask',
  help: 'evidence.help',
  prompt(ctx) {
    const count = answersOf(ctx).fileCount ?? 0;
    const text = count > 0 ? String(ctx.t('evidence.more', { count })) : String(ctx.t('evidence.prompt', { max: MAX_ATTACHMENTS_PER_CASE }));
    return { kind: 'choices', text, choices: [{ key: DONE_KEY, label: String(ctx.t(count > 0 ? 'evidence.done' : 'evidence.none')) }] };
  },
  parse: (input, ctx) => parseEvidence(input, { allowText: false, have: answersOf(ctx).fileCount ?? 0 }),
  errorText: errorTextFor('evidence'),
  maxAttempts: 4,
  after(value, ctx) {
    if (!('files' in value)) return undefined;
    const a = answersOf(ctx);
    const all = [...sealedFiles(ctx, a.files), ...value.files];
    a.files = ctx.services.keyring.seal(JSON.stringify(all));
    a.fileCount = all.length;
    return { goto: 'evidence' };
  },
};
