import type { ChooseStep, FlowContext } from '../../src/flowkit/types.ts';
import { normalizeForMatch } from '../../src/lang/normalize.ts';
import { allTranslations } from '../../src/i18n.ts';
import { getContest } from '../../src/quiz/service.ts';
import { activeReminders, cancelReminder, formatVnDateTime, hasReminder, reminderPersonKey, requestReminder, upcomingContests } from '../../src/quiz/reminders.ts';
import { contestAnswers } from './contest-state.ts';

/**
 * "Nhắc tôi khi mở": when no contest is open but one is announced, the worker may ask to be
 * reminded before it opens (or cancel that); typed "nhac toi" / "huy nhac" work too, folded like
 * every answer. The reminder itself is a system notice sent by the worker's runner.
 */

/** Whether the typed text asks for something: phrases of a key (both languages), folded, contained. */
function says(ctx: FlowContext, key: string): boolean {
  const text = ctx.input?.normalized ?? '';
  return !!text && allTranslations(key, 'quiz').some((p) => ` ${text} `.includes(` ${normalizeForMatch(p)} `));
}

/** The worker typed "nhắc tôi" or "hủy nhắc" (the message that started the flow). */
export const reminderAsked = (ctx: FlowContext) => says(ctx, 'contest.reminder.remind_words') || says(ctx, 'contest.reminder.cancel_words');

const titleOf = (ctx: FlowContext, c: { title: string; titleEn: string | null }) => (ctx.locale === 'en' && c.titleEn ? c.titleEn : c.title);

/**
 * Called by the contest list when nothing is open (or the worker typed "nhắc tôi" / "hủy nhắc"):
 * cancels at once when asked to, else announces the next contest and offers the reminder
 * ('none': nothing is announced either).
 */
export async function offerReminder(ctx: FlowContext): Promise<'offered' | 'cancelled' | 'none'> {
  const personKey = reminderPersonKey(ctx.conversation);
  if (says(ctx, 'contest.reminder.cancel_words')) {
    const active = await activeReminders(ctx.tx, personKey, ctx.now);
    for (const id of active) await cancelReminder(ctx.tx, id, personKey, ctx.now);
    ctx.say(String(ctx.t(active.length ? 'contest.reminder.cancelled' : 'contest.reminder.nothing_to_cancel')));
    return 'cancelled';
  }
  const next = (await upcomingContests(ctx.tx, ctx.now, 1))[0];
  if (!next) return 'none';
  contestAnswers(ctx).contestId = next.id;
  ctx.say(String(ctx.t('contest.reminder.upcoming', { title: titleOf(ctx, next), opensAt: formatVnDateTime(next.opensAt) })));
  return 'offered';
}

export const remindStep: ChooseStep = {
  id: 'remind',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('contest.reminder.offer')),
  async options(ctx) {
    const asked = await hasReminder(ctx.tx, contestAnswers(ctx).contestId!, reminderPersonKey(ctx.conversation));
    const words = (key: string) => allTranslations(key, 'quiz');
    return asked
      ? [
          { key: 'cancel', label: String(ctx.t('contest.reminder.cancel')), synonyms: words('contest.reminder.cancel_words') },
          { key: 'keep', label: String(ctx.t('contest.reminder.keep')) },
        ]
      : [
          { key: 'remind', label: String(ctx.t('contest.reminder.remind')), synonyms: words('contest.reminder.remind_words') },
          { key: 'no', label: String(ctx.t('contest.reminder.no')) },
        ];
  },
  async after(key, ctx) {
    const contest = await getContest(ctx.tx, contestAnswers(ctx).contestId!);
    if (!contest) return { end: true };
    const vars = { title: titleOf(ctx, contest), opensAt: formatVnDateTime(contest.opensAt) };
    if (key === 'remind') {
      await requestReminder(ctx.tx, { contestId: contest.id, conversation: ctx.conversation }, ctx.now);
      ctx.say(String(ctx.t('contest.reminder.saved', vars)));
    } else if (key === 'cancel') {
      await cancelReminder(ctx.tx, contest.id, reminderPersonKey(ctx.conversation), ctx.now);
      ctx.say(String(ctx.t('contest.reminder.cancelled')));
    } else if (key === 'keep') {
      ctx.say(String(ctx.t('contest.reminder.kept', vars)));
    } else {
      ctx.say(String(ctx.t('contest.reminder.declined')));
    }
    return { end: true };
  },
};
