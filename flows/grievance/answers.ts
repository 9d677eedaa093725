import type { FlowContext } from '../../src/flowkit/types.ts';
import type { CaseCategory, Urgency } from '../../src/cases/types.ts';

/**
 * What the grievance flow keeps in the conversation state. The worker's account of what happened
 * and the platform links of their evidence are sealed: an abandoned flow must not leave them in clear.
 */
export interface GrievanceAnswers {
  consent?: string;
  category?: CaseCategory;
  /** what an earlier membership application says about the workplace */
  known?: { employer: string; province: Province; unit: { id: string; name: string } | null };
  reuse?: string;
  employer?: string;
  province?: Province;
  union?: string;
  unionQuery?: string;
  unionFound?: number;
  unit?: { id: string; name: string } | null;
  aboutUnion?: boolean;
  /** sealed */
  description?: string;
  /** 'YYYY-MM-DD', or null when the worker does not remember */
  discovered?: string | null;
  affected?: number;
  urgency?: Urgency | 'none';
  /** sealed JSON of CheckedAttachment[] */
  files?: string;
  fileCount?: number;
  anonymous?: 'yes' | 'no';
}

export interface Province {
  code: string;
  name: string;
  shortName: string;
}

export const answersOf = (ctx: FlowContext): GrievanceAnswers => ctx.answers as GrievanceAnswers;
