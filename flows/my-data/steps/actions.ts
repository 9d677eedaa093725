import type { ChooseStep, EffectStep } from '../../../src/flowkit/types.ts';
import { collectSubjectData } from '../../../src/privacy/collect.ts';
import { privacyConfig, sendsFiles } from '../../../src/privacy/config.ts';
import { createExportLink, toCsv, toJson } from '../../../src/privacy/export.ts';
import { logRequest } from '../../../src/privacy/requests.ts';
import { answersOf, phrases, subjectOf } from '../answers.ts';
import { day, describeData } from '../format.ts';
import { ACTION_STEPS } from './verify.ts';

export const actionStep: ChooseStep = {
  id: 'action',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('action.prompt')),
  options: (ctx) =>
    (['view', 'export', 'correct', 'delete', 'withdraw'] as const).map((k) => ({
      key: k,
      label: String(ctx.t(`action.${k}`)),
      synonyms: phrases(`action.${k}_words`),
    })),
  after: (key) => ({ goto: ACTION_STEPS[key as keyof typeof ACTION_STEPS] }),
};

/** "Xem": grouped and masked (Law 91/2025 Art. 4(1): the right to view). */
export const viewStep: EffectStep = {
  id: 'view',
  kind: 'effect',
  async run(ctx) {
    const s = subjectOf(ctx);
    const data = await collectSubjectData(ctx.tx, ctx.services.keyring, s);
    await logRequest(ctx.tx, { kind: 'view', identityId: ctx.conversation.identityId, subject: s, receivedAt: ctx.now, status: 'completed' });
    ctx.say(describeData(ctx, data));
    return { goto: 'more' };
  },
};

/**
 * "Xuất": two files (JSON, CSV) behind single-use links on channels that deliver files, else the
 * summary in chat. Provision of one's data: Law 91/2025 Art. 4(1); done at once, well within
 * the 10 days of ND 356 Art. 5.
 */
export const exportStep: EffectStep = {
  id: 'export',
  kind: 'effect',
  async run(ctx) {
    const s = subjectOf(ctx);
    const cfg = privacyConfig();
    const data = await collectSubjectData(ctx.tx, ctx.services.keyring, s);
    const asFile = sendsFiles(cfg, ctx.conversation.channel);
    const req = await logRequest(ctx.tx, {
      kind: 'export',
      identityId: ctx.conversation.identityId,
      subject: s,
      receivedAt: ctx.now,
      status: 'completed',
      outcome: { delivered: asFile ? 'file' : 'summary' },
    });
    if (!asFile) {
      ctx.say(String(ctx.t('export.summary_intro')));
      ctx.say(describeData(ctx, data));
      return { goto: 'more' };
    }
    const stamp = ctx.now.toISOString().slice(0, 10);
    const common = { requestId: req.id, now: ctx.now, ttlMinutes: cfg.PRIVACY_EXPORT_LINK_TTL_MINUTES, publicUrl: cfg.PUBLIC_URL };
    const json = await createExportLink(ctx.tx, ctx.services.keyring, { ...common, format: 'json', body: toJson(data, ctx.now), fileName: `du-lieu-cua-toi-${stamp}.json` });
    const csv = await createExportLink(ctx.tx, ctx.services.keyring, { ...common, format: 'csv', body: toCsv(data), fileName: `du-lieu-cua-toi-${stamp}.csv` });
    ctx.say(String(ctx.t('export.files_intro', { minutes: cfg.PRIVACY_EXPORT_LINK_TTL_MINUTES })));
    for (const f of [json, csv]) {
      ctx.say({ kind: 'media', mediaType: 'file', url: f.url, name: f.fileName, caption: String(ctx.t(`export.caption_${f.format}`)) });
    }
    return { goto: 'more' };
  },
};

export const moreStep: ChooseStep = {
  id: 'more',
  kind: 'choose',
  prompt: (ctx) => String(ctx.t('more.prompt')),
  options: (ctx) => [
    { key: 'other', label: String(ctx.t('more.other')), synonyms: phrases('more.other_words') },
    { key: 'done', label: String(ctx.t('more.done')), synonyms: phrases('more.done_words') },
  ],
  after(key, ctx) {
    if (key === 'other') {
      delete answersOf(ctx).wanted;
      return { goto: 'action' };
    }
    ctx.say(String(ctx.t('more.bye')));
    return { end: true };
  },
};

/** The completion date the law sets, in words for the worker. */
export const dueText = (due: Date) => day(due);
