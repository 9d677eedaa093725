import type { FlowContext, Jump } from '../../src/flowkit/types.ts';
import { parseCccd } from '../../src/validate/cccd.ts';
import { answersOf } from './answers.ts';
import { openAnswer } from './sealed.ts';

/**
 * The CCCD was checked against the date of birth and gender typed before it. When either is
 * changed later (from the summary, typically), the pair is checked again and a CCCD that no
 * longer fits is asked for again; the flow kit brings the worker back to the summary after.
 */
export function recheckCccd(ctx: FlowContext): Jump {
  const a = answersOf(ctx);
  const cccd = openAnswer(ctx, a.cccd);
  if (cccd === undefined) return undefined;
  const r = parseCccd(cccd, { dob: openAnswer(ctx, a.dob), gender: a.gender, today: ctx.now });
  if (r.ok) return undefined;
  ctx.say(String(ctx.t('cccd.recheck')));
  return { goto: 'cccd' };
}
