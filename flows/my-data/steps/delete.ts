import type { ChooseStep, EffectStep, FlowContext } from '../../../src/flowkit/types.ts';
import { executeErasure, planErasure, type ErasurePlan } from '../../../src/privacy/erase.ts';
import { logRequest } from '../../../src/privacy/requests.ts';
import { phrases, subjectOf } from '../answers.ts';

function keptLines(ctx: FlowContext, keep: ErasurePlan['keep']): string {
  return keep.map((k) => `• ${String(ctx.t(`delete.kept.${k.reason}`, { count: k.count, codes: k.codes.join(', ') }))}`).join('\n');
}

/** First the plan: what goes, what stays and why, before any confirmation. */
export const deletePlanStep: EffectStep = {
  id: 'deletePlan',
  kind: 'effect',
  async run(ctx) {
    const plan = await planErasure(ctx.tx, subjectOf(ctx));
    const r = plan.remove;
    ctx.say(
      [
        String(ctx.t('delete.plan_intro')),
        String(ctx.t('delete.plan_remove', { registrations: r.registrations, cases: r.closedCases, benefits: r.rejectedBenefits, contests: r.contestAttempts, surveys: r.surveyResponses })),
        '',
        String(ctx.t('delete.plan_keep')),
        keptLines(ctx, plan.keep),
      ].join('\n'),
    );
    return undefined;
  },
};

const yesNo = (prefix: string): ChooseStep['options'] => (ctx) => [
  { key: 'yes', label: String(ctx.t(`${prefix}.yes`)), synonyms: phrases(`${prefix}.yes_words`) },
  { key: 'no', label: String(ctx.t(`${prefix}.no`)), synonyms: phrases(`${prefix}.no_words`) },
];

const cancelled = (ctx: FlowContext) => {
  ctx.say(String(ctx.t('delete.cancelled')));
  return { goto: 'more' };
};

/** Deletion cannot be undone: asked twice, the second time with a different button. */
export const deleteConfirm1Step: ChooseStep = {
  id: 'deleteConfirm1',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('delete.confirm1.prompt')),
  options: yesNo('delete.confirm1'),
  after: (key, ctx) => (key === 'yes' ? undefined : cancelled(ctx)),
};

export const deleteConfirm2Step: ChooseStep = {
  id: 'deleteConfirm2',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('delete.confirm2.prompt')),
  options: yesNo('delete.confirm2'),
  after: (key, ctx) => (key === 'yes' ? undefined : cancelled(ctx)),
};

/**
 * Deletes in the turn's transaction (Law 91/2025 Art. 14), logs the request as completed with
 * what was kept and why, and ends the flow: the verified subject leaves the state with it.
 */
export const deleteRunStep: EffectStep = {
  id: 'deleteRun',
  kind: 'effect',
  async run(ctx) {
    const s = subjectOf(ctx);
    const outcome = await executeErasure(ctx.tx, ctx.services.keyring, s, ctx.now);
    await logRequest(ctx.tx, {
      kind: 'delete',
      identityId: ctx.conversation.identityId,
      subject: s,
      receivedAt: ctx.now,
      status: 'completed',
      outcome: { deleted: outcome.deleted, anonymized: outcome.anonymized, kept: outcome.kept.map((k) => ({ reason: k.reason, count: k.count })) },
    });
    ctx.say([String(ctx.t('delete.done')), '', String(ctx.t('delete.plan_keep')), keptLines(ctx, outcome.kept), '', String(ctx.t('delete.account_kept'))].join('\n'));
    return { end: true };
  },
};
