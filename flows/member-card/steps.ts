import type { EffectStep } from '../../src/flowkit/types.ts';
import { currentCard } from '../../src/membership/cards.ts';
import { cardImageUrl } from '../../src/membership/links.ts';

export const showCardStep: EffectStep = {
  id: 'show',
  kind: 'effect',
  async run(ctx) {
    const memberId = ctx.conversation.memberId;
    if (!memberId) {
      ctx.say(String(ctx.t('not_member')));
      return { end: true };
    }
    const member = await ctx.tx.member.findUnique({ where: { id: memberId }, select: { status: true } });
    const card = member?.status === 'active' ? await currentCard(ctx.tx, ctx.services.keyring, memberId) : null;
    if (!card) {
      ctx.say(String(ctx.t('no_valid_card')));
      return { end: true };
    }
    ctx.say({
      kind: 'media',
      mediaType: 'image',
      url: cardImageUrl(card.verifyBase, card.token),
      caption: String(ctx.t('caption', { memberNo: card.memberNo })),
      name: `the-doan-vien-${card.memberNo}.png`,
    });
    return { end: true };
  },
};
