import type { AskStep, EffectStep, ParseResult, TurnInput } from '../../../src/flowkit/types.ts';
import { findProgramme } from '../../../src/benefits/catalog.ts';
import { BENEFIT_CONSENT_PURPOSE, createBenefitRequest } from '../../../src/benefits/requests.ts';
import { parseFullName } from '../../../src/validate/name.ts';
import { formatPhoneVi, parseMobile } from '../../../src/validate/phone.ts';
import { answersOf } from '../answers.ts';
import { NAMESPACE } from '../phrases.ts';
import { consentStep as makeConsentStep } from '../../../src/flowkit/consent.ts';

/** Identifies the consent notice text (locales/<lang>/benefits.json consent.notice); bump it with the text. */
export const BENEFIT_NOTICE_VERSION = 'benefit_request/2026-11-22';

const seal = (ctx: Parameters<EffectStep['run']>[0], plain: string) => ctx.services.keyring.seal(plain);
const open = (ctx: Parameters<EffectStep['run']>[0], sealed: string) => ctx.services.keyring.open(sealed);

function typed(input: TurnInput): ParseResult<string> {
  if (input.kind === 'media' || ((input.event.attachments?.length ?? 0) > 0 && !input.text)) return { ok: false, error: 'media' };
  if (!input.text) return { ok: false, error: 'empty' };
  return { ok: true, value: input.text };
}

/** The programme must still run (the list may be old) and a province is needed to route. */
export const applyStartStep: EffectStep = {
  id: 'applyStart',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const p = a.applyId ? await findProgramme(ctx.tx, a.applyId, ctx.now) : undefined;
    if (!p || !p.appliesThroughUnion) {
      delete a.applyId;
      return { goto: 'results' };
    }
    if (!a.province) return { goto: 'province' };
    ctx.say(String(ctx.t('apply.intro', { title: p.title[ctx.locale] })));
    return { goto: 'consent' };
  },
};

/** Consent for the benefit-request purpose before any personal data; a refusal stores nothing. */
export const consentStep = makeConsentStep({
  namespace: NAMESPACE,
  purpose: BENEFIT_CONSENT_PURPOSE,
  noticeVersion: BENEFIT_NOTICE_VERSION,
  help: 'consent.help',
});

export const fullNameStep: AskStep<string> = {
  id: 'fullName',
  kind: 'ask',
  prompt: (ctx) => String(ctx.t('fullName.prompt')),
  parse(input, ctx) {
    const t = typed(input);
    if (!t.ok) return t;
    const r = parseFullName(t.value);
    return r.ok ? { ok: true, value: seal(ctx, r.value) } : r;
  },
  errorText: (error, ctx, params) => String(ctx.t([`fullName.errors.${error}`, `input_errors.${error}`, 'common:errors.invalid'], params ?? {})),
};

export const phoneStep: AskStep<string> = {
  id: 'phone',
  kind: 'ask',
  prompt: (ctx) => ({ kind: 'request_contact', text: String(ctx.t('phone.prompt')), buttonLabel: String(ctx.t('phone.button')) }),
  parse(input, ctx) {
    const t: ParseResult<string> = input.contactPhone ? { ok: true, value: input.contactPhone } : typed(input);
    if (!t.ok) return t;
    const r = parseMobile(t.value);
    if (!r.ok) {
      const digits = t.value.replace(/[\s.\-()]/g, '');
      if (r.error === 'format' && /^0\d+$/.test(digits) && digits.length !== 10) return { ok: false, error: 'length' };
      return { ok: false, error: r.error };
    }
    if (r.convertedFrom) ctx.say(String(ctx.t('phone.converted', { phone: formatPhoneVi(r.value) })));
    return { ok: true, value: seal(ctx, r.value) };
  },
  errorText: (error, ctx, params) => String(ctx.t([`phone.errors.${error}`, `input_errors.${error}`, 'common:errors.invalid'], params ?? {})),
};

/** Files the request in the turn's transaction, routed to the worker's union or the federation. */
export const submitStep: EffectStep = {
  id: 'submit',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const result = await createBenefitRequest(ctx.tx, ctx.services.keyring, {
      programmeId: a.applyId!,
      fullName: open(ctx, a.fullName!),
      phone: open(ctx, a.phone!),
      isMember: a.isMember === true,
      memberId: a.memberId ?? null,
      provinceCode: a.province!.code,
      orgUnitId: a.unit?.id ?? null,
      situations: a.situations ?? [],
      identityId: ctx.conversation.identityId,
      conversationId: ctx.conversation.id,
      channel: ctx.conversation.channel,
      locale: ctx.locale,
      now: ctx.now,
    });
    // the personal data has done its job in the flow state
    delete a.fullName;
    delete a.phone;
    if (result.kind === 'duplicate') ctx.say(String(ctx.t('submit.duplicate', { code: result.code })));
    else ctx.say(String(ctx.t('submit.done', { code: result.code, unit: result.routedTo.name })));
    return { end: true };
  },
};
