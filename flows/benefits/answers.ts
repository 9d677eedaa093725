import type { FlowContext } from '../../src/flowkit/types.ts';
import type { Situation, Topic } from '../../src/benefits/schema.ts';
import type { Profile } from '../../src/benefits/eligibility.ts';

export interface BenefitAnswers {
  /** from verified records (member link, approved application); such facts are not asked again */
  fromRecords?: boolean;
  /** true/false as answered; null: the worker is not sure; undefined: not asked */
  isMember?: boolean | null;
  memberId?: string | null;
  province?: { code: string; name: string };
  /** null: none or unknown (asked); undefined: not asked */
  unit?: { id: string; name: string; path: string } | null;
  unitQuery?: string;
  unitFound?: number;
  situations?: Situation[];
  /** how the current list was asked for */
  mode?: 'topic' | 'search' | 'profile';
  topic?: Topic;
  query?: string;
  /** programme ids offered for "Đăng ký nhận hỗ trợ", in list order */
  applicable?: Array<{ id: string; n: number }>;
  applyId?: string;
  /** sealed (flows/registration/sealed.ts pattern) */
  fullName?: string;
  phone?: string;
}

export const answersOf = (ctx: FlowContext): BenefitAnswers => ctx.answers as BenefitAnswers;

export function profileOf(a: BenefitAnswers): Profile {
  return {
    isMember: a.isMember,
    provinceCode: a.province?.code ?? null,
    unitPath: a.unit?.path ?? null,
    ...(a.situations !== undefined ? { situations: a.situations } : {}),
  };
}
