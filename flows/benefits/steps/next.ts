import type { ChooseStep } from '../../../src/flowkit/types.ts';
import { answersOf } from '../answers.ts';
import { phrases } from '../phrases.ts';

const APPLY = 'apply:';

export const nextStep: ChooseStep = {
  id: 'next',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('next.prompt')),
  options(ctx) {
    const list = answersOf(ctx).applicable ?? [];
    const apply = list.map(({ id, n }) => ({
      key: `${APPLY}${id}`,
      label: String(list.length === 1 ? ctx.t('next.apply_one') : ctx.t('next.apply_n', { n })),
    }));
    // after a topic list, narrowing down by the worker's own situation is the natural next step
    const narrow = answersOf(ctx).mode !== 'profile' ? [{ key: 'profile', label: String(ctx.t('topic.by_profile')), synonyms: phrases('topic.profile_words') }] : [];
    return [
      ...apply,
      ...narrow,
      { key: 'other', label: String(ctx.t('next.other')) },
      { key: 'done', label: String(ctx.t('next.done')), synonyms: phrases('next.done_words') },
    ];
  },
  after(key, ctx) {
    const a = answersOf(ctx);
    if (key.startsWith(APPLY)) {
      a.applyId = key.slice(APPLY.length);
      return { goto: 'applyStart' };
    }
    if (key === 'profile') {
      a.mode = 'profile';
      delete a.topic;
      delete a.query;
      return { goto: 'dialog' };
    }
    if (key === 'other') {
      delete a.mode;
      delete a.topic;
      delete a.query;
      return { goto: 'topic' };
    }
    ctx.say(String(ctx.t('next.bye')));
    return { end: true };
  },
};
