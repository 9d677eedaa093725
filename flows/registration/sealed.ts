import type { FlowContext } from '../../src/flowkit/types.ts';

/** Personal data in the flow state is sealed: an abandoned flow must not leave a CCCD in clear. */
export const sealAnswer = (ctx: FlowContext, plain: string): string => ctx.services.keyring.seal(plain);

export function openAnswer(ctx: FlowContext, sealed: string | undefined): string | undefined {
  return sealed === undefined ? undefined : ctx.services.keyring.open(sealed);
}
