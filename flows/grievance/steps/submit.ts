import { createCase } from '../../../src/cases/service.ts';
import type { Urgency } from '../../../src/cases/types.ts';
import type { EffectStep } from '../../../src/flowkit/types.ts';
import { answersOf } from '../answers.ts';
import { deadlinesText } from '../deadlines.ts';
import { sealedFiles } from './evidence.ts';

/** Files the case in the turn's transaction: the case, its history, the state and the reply commit together. */
export const submitStep: EffectStep = {
  id: 'submit',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const keyring = ctx.services.keyring;
    const urgency = a.urgency && a.urgency !== 'none' ? (a.urgency as Urgency) : null;
    const r = await createCase(ctx.tx, keyring, {
      category: a.category!,
      urgency,
      employer: a.employer!,
      provinceCode: a.province!.code,
      orgUnitId: a.unit?.id ?? null,
      aboutUnion: a.aboutUnion === true,
      description: keyring.open(a.description!),
      discoveredOn: a.discovered ?? null,
      affectedCount: a.affected ?? 1,
      anonymous: a.anonymous === 'yes',
      attachments: sealedFiles(ctx, a.files),
      memberId: ctx.conversation.memberId,
      identityId: ctx.conversation.identityId,
      conversationId: ctx.conversation.id,
      channel: ctx.conversation.channel,
      locale: ctx.locale,
      now: ctx.now,
    });
    const parts = [
      String(ctx.t('submit.done', { code: r.code, key: r.accessKey })),
      String(ctx.t(r.viaFederation ? 'submit.routed_federation' : 'submit.routed_union', { unit: r.routedTo.name })),
    ];
    if (r.urgent) parts.push(String(ctx.t(r.urgency === 'danger' ? 'submit.urgent_danger' : 'submit.urgent')));
    if (a.anonymous === 'yes') parts.push(String(ctx.t('submit.anonymous')));
    const deadlines = deadlinesText(ctx, a.category!, a.discovered);
    if (deadlines) parts.push(deadlines);
    parts.push(String(ctx.t('submit.lookup_hint')));
    ctx.say(parts.join('\n\n'));
    // collective action is never left to the bot (domain.md 4.3): an officer takes the chat now;
    // any other urgent case too, ahead of the queue (src/handoff: these reasons are urgent)
    if (r.urgency === 'strike') return { handoff: 'case_strike' };
    if (r.urgent) return { handoff: 'urgent_case' };
    return { end: true };
  },
};
