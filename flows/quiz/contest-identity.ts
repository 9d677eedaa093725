import { consentStep as makeConsentStep } from '../../src/flowkit/consent.ts';
import type { AskStep, ChooseStep, EffectStep, FlowContext } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { searchGrassroots } from '../../src/org/search.ts';
import { CONTEST_NOTICE_VERSION } from '../../src/quiz/consent.ts';
import { getContest, openContests, personKeyForPhone, registeredMember, type ContestRow } from '../../src/quiz/service.ts';
import { phoneHash } from '../../src/registration/lookup.ts';
import { parseFullName } from '../../src/validate/name.ts';
import { parseMobile } from '../../src/validate/phone.ts';
import { contestAnswers } from './contest-state.ts';
import { gate, nextAfterIdentity } from './contest-gate.ts';
import { offerReminder, reminderAsked } from './contest-reminder.ts';

const titleOf = (ctx: FlowContext, c: ContestRow) => (ctx.locale === 'en' && c.titleEn ? c.titleEn : c.title);

export async function currentContest(ctx: FlowContext): Promise<ContestRow> {
  const c = await getContest(ctx.tx, contestAnswers(ctx).contestId!);
  if (!c) throw new Error(`contest ${contestAnswers(ctx).contestId} vanished`);
  return c;
}

export const listStep: EffectStep = {
  id: 'list',
  kind: 'effect',
  async run(ctx) {
    const open = await openContests(ctx.tx, ctx.now);
    // "nhắc tôi" / "hủy nhắc", or nothing open yet: the reminder of the next announced contest
    const asked = reminderAsked(ctx);
    if (open.length === 0 || asked) {
      const r = await offerReminder(ctx);
      if (r === 'offered') return { goto: 'remind' };
      if (r === 'cancelled') return { end: true };
      if (open.length === 0) {
        ctx.say(String(ctx.t('contest.none_open')));
        return { end: true };
      }
    }
    if (open.length === 1) {
      contestAnswers(ctx).contestId = open[0]!.id;
      return { goto: 'identify' };
    }
    return undefined;
  },
};

export const pickStep: ChooseStep = {
  id: 'pick',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('contest.pick')),
  async options(ctx) {
    return (await openContests(ctx.tx, ctx.now)).map((c) => ({ key: `c:${c.id}`, label: titleOf(ctx, c) }));
  },
  after(key, ctx) {
    contestAnswers(ctx).contestId = key.slice(2);
    return undefined;
  },
};

export const identifyStep: EffectStep = {
  id: 'identify',
  kind: 'effect',
  async run(ctx) {
    const contest = await currentContest(ctx);
    ctx.say(
      String(
        ctx.t('contest.intro', {
          title: titleOf(ctx, contest),
          count: contest.questions.length,
          minutes: Math.round(contest.timeLimitSec / 60),
          closes: contest.closesAt.toLocaleString(ctx.locale === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }),
          attempts: contest.attemptsPerPerson,
        }),
      ),
    );
    if (contest.prediction) contestAnswers(ctx).predictionPrompt = ctx.locale === 'en' && contest.prediction.en ? contest.prediction.en : contest.prediction.vi;
    const member = await registeredMember(ctx.tx, ctx.conversation);
    if (!member) return { goto: 'consent' };
    contestAnswers(ctx).participant = member;
    ctx.say(String(ctx.t('contest.as_member', { name: member.fullName })));
    return gate(ctx, contest, member.personKey, nextAfterIdentity(contest));
  },
};

/** Consent for contest participation (name, phone, unit of a non-member). */
export const consentStep = makeConsentStep({
  namespace: 'quiz',
  purpose: 'contest_participation',
  noticeVersion: CONTEST_NOTICE_VERSION,
  prefix: 'identity',
  keys: { prompt: 'consent_prompt' },
});

export const nameStep: AskStep<string> = {
  id: 'name',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('identity.name')),
  parse(input) {
    const r = parseFullName(input.text);
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error === 'invalid_chars' && /\d/.test(input.text) ? 'digits' : 'invalid' };
  },
  errorText: (error, ctx) => String(ctx.t(`identity.errors.name_${error}`)),
};

export const phoneStep: AskStep<string> = {
  id: 'phone',
  kind: 'ask',
  prompt: (ctx) => ({ kind: 'request_contact', text: String(ctx.t('identity.phone')), buttonLabel: String(ctx.t('identity.phone_button')) }),
  parse(input, ctx) {
    const r = parseMobile(input.contactPhone ?? input.text);
    return r.ok ? { ok: true, value: ctx.services.keyring.seal(r.value) } : { ok: false, error: 'phone' };
  },
  errorText: (_error, ctx) => String(ctx.t('identity.errors.phone')),
  async after(sealed, ctx) {
    // one attempt per person across channels: the phone is the person for non-members
    const contest = await currentContest(ctx);
    const hash = phoneHash(ctx.services.keyring, ctx.services.keyring.open(sealed));
    const a = contestAnswers(ctx);
    a.participant = { personKey: await personKeyForPhone(ctx.tx, hash), memberId: null, fullName: a.name!, phoneEnc: sealed, phoneHash: hash, orgUnitId: null, unitName: '' };
    return gate(ctx, contest, a.participant.personKey, 'unit');
  },
};

export const unitStep: AskStep<string> = {
  id: 'unit',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('identity.unit')),
  parse(input) {
    const t = input.text.trim();
    return t.length >= 2 && t.length <= 150 ? { ok: true, value: t } : { ok: false, error: 'unit' };
  },
  errorText: (_error, ctx) => String(ctx.t('identity.errors.unit')),
  async after(unit, ctx) {
    const a = contestAnswers(ctx);
    // the per-unit leaderboard groups by org unit when the name clearly is one of ours
    const hit = (await searchGrassroots(ctx.tx, unit, { limit: 1 }))[0];
    a.participant = { ...a.participant!, unitName: unit, orgUnitId: hit && hit.score >= 0.9 ? hit.id : null };
    return { goto: nextAfterIdentity(await currentContest(ctx)) };
  },
};

export const predictionStep: AskStep<number> = {
  id: 'prediction',
  kind: 'ask',
  prompt: (ctx) => `${contestAnswers(ctx).predictionPrompt ?? ''}\n${ctx.t('contest.prediction_hint')}`.trim(),
  parse(input) {
    const digits = input.text.replace(/[.,\s]/g, '');
    if (!/^\d{1,9}$/.test(digits)) return { ok: false, error: 'number' };
    return { ok: true, value: Number(digits) };
  },
  errorText: (_e, ctx) => String(ctx.t('contest.errors.prediction')),
};
