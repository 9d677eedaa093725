import { allTranslations } from '../../src/i18n.ts';
import type { FlowContext } from '../../src/flowkit/types.ts';
import type { CorrectableField } from '../../src/privacy/correct.ts';
import type { Subject } from '../../src/privacy/subject.ts';

export const NAMESPACE = 'my-data';

export type Action = 'view' | 'export' | 'correct' | 'delete' | 'withdraw';

/**
 * The flow's state. CCCD and date of birth are sealed while they wait for the check and dropped
 * right after it; the subject is ids only. Nothing here is personal data in clear.
 */
export interface MyDataAnswers {
  /** what the opening message asked for ("xóa dữ liệu" goes straight to deletion once verified) */
  wanted?: Action;
  method?: 'cccd' | 'account';
  cccd?: string;
  dob?: string;
  subject?: Subject;
  field?: CorrectableField;
  /** sealed, validated new value of a correction (the correctValue step's answer) */
  correctValue?: string;
  purpose?: string;
}

export const answersOf = (ctx: FlowContext): MyDataAnswers => ctx.answers as MyDataAnswers;

/** Option synonyms from every locale. */
export const phrases = (key: string): string[] => allTranslations(key, NAMESPACE);

/** The subject, or throw: every action step runs only after verification put it there. */
export function subjectOf(ctx: FlowContext): Subject {
  const s = answersOf(ctx).subject;
  if (!s) throw new Error('my-data: action step reached without a verified subject');
  return s;
}
