import type { EffectStep } from '../../../src/flowkit/types.ts';
import { createRegistration } from '../../../src/registration/service.ts';
import { answersOf } from '../answers.ts';
import { openAnswer } from '../sealed.ts';

/** Files the application in the turn's transaction, so the row, the state and the reply commit together. */
export const submitStep: EffectStep = {
  id: 'submit',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const result = await createRegistration(ctx.tx, ctx.services.keyring, {
      fullName: a.fullName!,
      dob: openAnswer(ctx, a.dob)!,
      gender: a.gender!,
      cccd: openAnswer(ctx, a.cccd)!,
      phone: openAnswer(ctx, a.phone)!,
      employer: a.employer!,
      workplaceAddress: a.address!,
      provinceCode: a.province!.code,
      orgUnitId: a.unit?.id ?? null,
      identityId: ctx.conversation.identityId,
      channel: ctx.conversation.channel,
      locale: ctx.locale,
      now: ctx.now,
    });
    const status = String(ctx.t(`status.${result.status}`));
    if (result.kind === 'duplicate') {
      // filed meanwhile from another chat with the same CCCD
      ctx.say(String(ctx.t('duplicate', { code: result.code, status })));
      return { end: true };
    }
    const decides = result.viaFederation ? 'submit.decides_federation' : 'submit.decides_union';
    ctx.say(
      [
        String(ctx.t('submit.done', { code: result.code, status })),
        String(ctx.t(decides, { unit: result.routedTo.name })),
        String(ctx.t('submit.lookup_hint')),
      ].join('\n\n'),
    );
    return { end: true };
  },
};
