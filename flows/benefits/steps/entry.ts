import type { EffectStep } from '../../../src/flowkit/types.ts';
import { currentProgrammes } from '../../../src/benefits/catalog.ts';
import { knownProfile } from '../../../src/benefits/profile.ts';
import { searchProgrammes } from '../../../src/benefits/search.ts';
import { provinceByCode } from '../../../src/validate/provinces.ts';
import { answersOf } from '../answers.ts';

/**
 * Starts from what verified records say about the worker, and, when the message that started the
 * flow already names what they want ("cho hỏi quà tết"), answers it straight away.
 */
export const entryStep: EffectStep = {
  id: 'entry',
  kind: 'effect',
  async run(ctx) {
    const a = answersOf(ctx);
    const known = await knownProfile(ctx.tx, ctx.conversation.identityId, ctx.conversation.memberId);
    if (known) {
      a.fromRecords = true;
      a.isMember = known.isMember;
      a.memberId = known.memberId;
      const p = known.provinceCode ? provinceByCode(known.provinceCode) : undefined;
      if (p) a.province = { code: p.code, name: p.name };
      a.unit = known.unitId ? { id: known.unitId, name: known.unitName!, path: known.unitPath! } : null;
    }
    const text = ctx.input?.kind === 'text' ? ctx.input.text : '';
    if (text && searchProgrammes(await currentProgrammes(ctx.tx, ctx.now), text).length > 0) {
      a.mode = 'search';
      a.query = text;
      return { goto: 'results' };
    }
    return { goto: 'topic' };
  },
};
