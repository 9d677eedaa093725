import type { AskStep, FlowContext, Jump } from '../../../src/flowkit/types.ts';
import { parseFreeText } from '../../../src/validate/text.ts';
import { answersOf } from '../answers.ts';
import { errorTextFor, typedText } from '../input.ts';

/**
 * The grassroots union was picked from a search by employer within the province. When either
 * changes after that pick (from the summary), the pick is stale: search and ask again.
 */
export function repickUnion(ctx: FlowContext): Jump {
  const a = answersOf(ctx);
  if (a.union === undefined) return undefined;
  delete a.union;
  delete a.unionQuery;
  delete a.unit;
  delete a.federation;
  return { goto: 'union' };
}

function freeTextStep(id: string, limits: { min: number; max: number }, after?: AskStep<string>['after']): AskStep<string> {
  return {
    id,
    kind: 'ask',
    prompt: (ctx) => String(ctx.t(`${id}.prompt`)),
    parse(input) {
      const typed = typedText(input);
      if (!typed.ok) return typed;
      return parseFreeText(typed.value, limits);
    },
    errorText: errorTextFor(id),
    ...(after ? { after } : {}),
  };
}

export const employerStep = freeTextStep('employer', { min: 2, max: 200 }, (_v, ctx) => repickUnion(ctx));
export const addressStep = freeTextStep('address', { min: 5, max: 300 });
