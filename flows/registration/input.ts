import type { FlowContext, ParseResult, TurnInput } from '../../src/flowkit/types.ts';

/**
 * The typed text of an answer. A photo, sticker or file has no text to read: it gets its own
 * error so the worker is told to type rather than that the answer was empty.
 */
export function typedText(input: TurnInput): ParseResult<string> {
  if (input.kind === 'media' || ((input.event.attachments?.length ?? 0) > 0 && !input.text)) {
    return { ok: false, error: 'media' };
  }
  if (!input.text) return { ok: false, error: 'empty' };
  return { ok: true, value: input.text };
}

/**
 * Error text for an ask step: the step's own `<step>.errors.<code>` first, then the flow-wide
 * `input_errors.<code>` (empty, too long, markup…), then the kit's generic "invalid".
 */
export function errorTextFor(stepId: string) {
  return (error: string, ctx: FlowContext, params?: Record<string, unknown>): string =>
    String(ctx.t([`${stepId}.errors.${error}`, `input_errors.${error}`, 'common:errors.invalid'], params ?? {}));
}
