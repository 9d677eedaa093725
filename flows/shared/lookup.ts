import type { AskStep, FlowContext, ParseResult } from '../../src/flowkit/types.ts';
import { errorTextFor, typedText } from '../registration/input.ts';

/**
 * The two questions of a lookup from another chat (registration status, case status): the
 * record's code, then a secret only its owner has (CCCD, access key). Only the pair opens a
 * record, and a well-formed pair that matches nothing gets the same answer as a wrong one.
 */
export function codeStep(parseCode: (typed: string) => string | null): AskStep<string> {
  return {
    id: 'code',
    kind: 'ask',
    help: 'code.help',
    prompt: (ctx) => String(ctx.t('code.prompt')),
    parse(input) {
      const typed = typedText(input);
      if (!typed.ok) return typed;
      const code = typed.value.length <= 40 ? parseCode(typed.value) : null;
      return code ? { ok: true, value: code } : { ok: false, error: 'format' };
    },
    errorText: errorTextFor('code'),
  };
}

/** The secret half, sealed in the flow state (an abandoned lookup must not leave it in clear). */
export function secretStep(opts: {
  id: string;
  help?: string;
  parse(typed: string, ctx: FlowContext): ParseResult<string>;
}): AskStep<string> {
  return {
    id: opts.id,
    kind: 'ask',
    ...(opts.help ? { help: opts.help } : {}),
    prompt: (ctx) => String(ctx.t(`${opts.id}.prompt`)),
    parse(input, ctx) {
      const typed = typedText(input);
      if (!typed.ok) return typed;
      const r = opts.parse(typed.value, ctx);
      return r.ok ? { ok: true, value: ctx.services.keyring.seal(r.value) } : r;
    },
    errorText: errorTextFor(opts.id),
  };
}
