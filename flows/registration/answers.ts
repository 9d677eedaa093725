import type { FlowContext } from '../../src/flowkit/types.ts';
import type { Gender } from '../../src/validate/gender.ts';

/**
 * What the registration flow keeps in the conversation state. The state is plain JSON in the
 * conversation row and outlives an abandoned flow, so date of birth, CCCD and phone are kept
 * sealed with the keyring (see sealed.ts), never in clear.
 */
export interface RegistrationAnswers {
  consent?: string;
  fullName?: string;
  /** sealed 'YYYY-MM-DD' */
  dob?: string;
  gender?: Gender;
  /** sealed 12 digits */
  cccd?: string;
  /** sealed E.164 */
  phone?: string;
  employer?: string;
  address?: string;
  province?: { code: string; name: string; shortName: string };
  /** choice key of the union step: 'unit:<id>', 'search' or 'none' */
  union?: string;
  /** the name typed after "Tìm theo tên khác"; absent means search by the employer */
  unionQuery?: string;
  /** how many units the last search offered, for the prompt text */
  unionFound?: number;
  /** the chosen grassroots union; null when the workplace has none */
  unit?: { id: string; name: string } | null;
  /** the provincial federation that decides when there is no grassroots union */
  federation?: { id: string; name: string };
}

export const answersOf = (ctx: FlowContext): RegistrationAnswers => ctx.answers as RegistrationAnswers;
