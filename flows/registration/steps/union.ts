import { provincialFederation } from '../../../src/org/search.ts';
import { unionQueryStep, unionStep as makeUnionStep } from '../../shared/grassroots.ts';
import { answersOf } from '../answers.ts';
import { NAMESPACE } from '../phrases.ts';

export { unionQueryStep };

/**
 * Where the application goes: the worker's grassroots union, found by employer within the
 * workplace province; or, when the workplace has none, the provincial federation (HD 38 §3.1).
 */
export const unionStep = makeUnionStep({
  namespace: NAMESPACE,
  async picked(unit, ctx) {
    const a = answersOf(ctx);
    if (unit) {
      a.unit = unit;
      delete a.federation;
      return { goto: 'summary' };
    }
    // "none", or the unit vanished between the list and the tap: the federation decides
    const federation = await provincialFederation(ctx.tx, a.province!.code);
    if (!federation) throw new Error(`no provincial federation for province ${a.province!.code}`);
    a.unit = null;
    a.federation = { id: federation.id, name: federation.name };
    ctx.say(String(ctx.t('union.routed_federation', { federation: federation.name })));
    return { goto: 'summary' };
  },
});
