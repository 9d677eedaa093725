import { MAX_ATTACHMENTS_PER_CASE } from '../../src/cases/attachments.ts';
import { parseAccessKey, parseCaseCode } from '../../src/cases/code.ts';
import { addInformation, findByCodeAndKey, findOwnCase, listForWorker } from '../../src/cases/service.ts';
import { CLOSED_STATUSES } from '../../src/cases/types.ts';
import type { AskStep, ChooseStep, EffectStep, FlowContext, OptionDef } from '../../src/flowkit/types.ts';
import { clearWrongKeys, LOCK_MINUTES, lockedUntil, recordWrongKey } from '../../src/cases/lockout.ts';
import { codeStep as makeCodeStep, secretStep } from '../shared/lookup.ts';
import { allTranslations } from '../../src/i18n.ts';
import { deadlinesText } from '../grievance/deadlines.ts';
import { DONE_KEY, parseEvidence, type EvidenceInput } from '../grievance/steps/evidence.ts';
import { describeCase } from './format.ts';

interface StatusAnswers {
  /** open cases of this worker offered for adding information: id -> code */
  own?: Array<{ id: string; code: string }>;
  pick?: string;
  code?: string;
  /** sealed access key */
  key?: string;
  caseId?: string;
  caseCode?: string;
  added?: number;
}

const answersOf = (ctx: FlowContext) => ctx.answers as StatusAnswers;
const who = (ctx: FlowContext) => ({ identityId: ctx.conversation.identityId, memberId: ctx.conversation.memberId });

/** On a chat the worker filed from (or linked to the same member), their cases need no code. */
export const mineStep: EffectStep = {
  id: 'mine',
  kind: 'effect',
  async run(ctx) {
    const mine = await listForWorker(ctx.tx, who(ctx));
    if (mine.length === 0) return { goto: 'code' };
    ctx.say([String(ctx.t('mine.title', { count: mine.length })), ...mine.map((c) => describeCase(c, ctx))].join('\n\n'));
    answersOf(ctx).own = mine.filter((c) => !CLOSED_STATUSES.has(c.status)).slice(0, 3).map((c) => ({ id: c.id, code: c.code }));
    return undefined;
  },
};

export const pickStep: ChooseStep = {
  id: 'pick',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t(answersOf(ctx).own?.length ? 'pick.prompt' : 'pick.prompt_none_open')),
  options(ctx): OptionDef[] {
    const own = answersOf(ctx).own ?? [];
    return [
      ...own.map((c) => ({ key: `case:${c.id}`, label: c.code })),
      { key: 'other', label: String(ctx.t('pick.other')), synonyms: statusPhrases('pick.other_words') },
      { key: 'done', label: String(ctx.t('pick.done')), synonyms: statusPhrases('pick.done_words') },
    ];
  },
  async after(key, ctx) {
    const a = answersOf(ctx);
    if (key === 'done') {
      ctx.say(String(ctx.t('bye')));
      return { end: true };
    }
    if (key === 'other') return { goto: 'code' };
    // re-checked against this worker: a choice key is only a hint
    const found = await findOwnCase(ctx.tx, who(ctx), key.slice('case:'.length));
    if (!found || CLOSED_STATUSES.has(found.status)) {
      ctx.say(String(ctx.t('closed')));
      return { end: true };
    }
    a.caseId = found.id;
    a.caseCode = found.code;
    a.added = 0;
    return { goto: 'add' };
  },
};

export const codeStep = makeCodeStep(parseCaseCode);

/** The access key given at filing; sealed in the state. Only code + key together open a case. */
export const keyStep = secretStep({
  id: 'key',
  help: 'key.help',
  parse(typed) {
    const key = typed.length <= 20 ? parseAccessKey(typed) : null;
    return key ? { ok: true, value: key } : { ok: false, error: 'format' };
  },
});

export const verifyStep: EffectStep = {
  id: 'verify',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const keyring = ctx.services.keyring;
    const key = keyring.open(a.key!);
    delete a.key;
    // five wrong keys lock the code for everyone for a while: unknown codes lock the same way
    if (await lockedUntil(ctx.tx, keyring, a.code!, ctx.now)) {
      ctx.say(String(ctx.t('locked', { minutes: LOCK_MINUTES })));
      return { end: true };
    }
    const found = await findByCodeAndKey(ctx.tx, keyring, a.code!, key);
    if (!found) {
      const locked = await recordWrongKey(ctx.tx, keyring, a.code!, ctx.now);
      // the same words for an unknown code, someone else's code and a wrong key
      ctx.say(String(ctx.t(locked ? 'locked' : 'not_found', { minutes: LOCK_MINUTES })));
      return { end: true };
    }
    await clearWrongKeys(ctx.tx, keyring, a.code!);
    const parts = [describeCase(found, ctx)];
    const deadlines = CLOSED_STATUSES.has(found.status) ? null : deadlinesText(ctx, found.category, found.discoveredOn);
    if (deadlines) parts.push(deadlines);
    ctx.say(parts.join('\n\n'));
    if (CLOSED_STATUSES.has(found.status)) {
      ctx.say(String(ctx.t('closed')));
      return { end: true };
    }
    a.caseId = found.id;
    a.caseCode = found.code;
    a.added = 0;
    return undefined;
  },
};

export const offerStep: ChooseStep = {
  id: 'offer',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('offer.prompt')),
  options: (ctx) => [
    { key: 'add', label: String(ctx.t('offer.add')), synonyms: statusPhrases('offer.add_words') },
    { key: 'done', label: String(ctx.t('pick.done')), synonyms: statusPhrases('pick.done_words') },
  ],
  after(key, ctx) {
    if (key === 'add') return undefined;
    ctx.say(String(ctx.t('bye')));
    return { end: true };
  },
};

/** Text, photos or files, one message at a time, each saved to the case at once, until "xong". */
export const addStep: AskStep<EvidenceInput> = {
  id: 'add',
  kind: 'ask',
  prompt(ctx) {
    const a = answersOf(ctx);
    const text = a.added ? String(ctx.t('add.more', { code: a.caseCode })) : String(ctx.t('add.prompt', { code: a.caseCode }));
    return { kind: 'choices', text, choices: [{ key: DONE_KEY, label: String(ctx.t('pick.done')) }] };
  },
  async parse(input, ctx) {
    const have = await ctx.tx.grievanceAttachment.count({ where: { caseId: answersOf(ctx).caseId! } });
    return parseEvidence(input, { allowText: true, have });
  },
  errorText(error, ctx, params) {
    // attachment refusals are worded once, in the grievance namespace
    return String(ctx.t([`add.errors.${error}`, `grievance:evidence.errors.${error}`, `grievance:input_errors.${error}`, 'common:errors.invalid'], params ?? {}));
  },
  async after(value, ctx) {
    const a = answersOf(ctx);
    if ('done' in value) {
      ctx.say(String(ctx.t(a.added ? 'add.finished' : 'bye', { code: a.caseCode })));
      return { end: true };
    }
    const r = await addInformation(
      ctx.tx,
      ctx.services.keyring,
      a.caseId!,
      {
        text: 'text' in value ? value.text : null,
        attachments: 'files' in value ? value.files : [],
        identityId: ctx.conversation.identityId,
        channel: ctx.conversation.channel,
        now: ctx.now,
      },
      MAX_ATTACHMENTS_PER_CASE,
    );
    if (r.kind === 'closed') {
      ctx.say(String(ctx.t('closed')));
      return { end: true };
    }
    if (r.kind === 'too_many_files') {
      ctx.say(String(ctx.t('grievance:evidence.errors.too_many', { max: MAX_ATTACHMENTS_PER_CASE })));
      return { goto: 'add' };
    }
    a.added = (a.added ?? 0) + 1;
    ctx.say(String(ctx.t('add.saved', { code: a.caseCode })));
    return { goto: 'add' };
  },
};

/** Option synonyms from every locale, as in the other flows. */
function statusPhrases(key: string): string[] {
  return allTranslations(key, 'case-status');
}
