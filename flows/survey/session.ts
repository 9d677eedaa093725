import type { FlowContext } from '../../src/flowkit/types.ts';
import { isTargeted, resolveRespondent, rootCodes, type Respondent } from '../../src/surveys/respondent.ts';
import type { Question, Survey } from '../../src/surveys/schema.ts';
import { getSurvey, isOpen } from '../../src/surveys/store.ts';

/**
 * What the flow keeps in the conversation state: ids and the question on screen (its prompt is
 * synchronous), never an answer in clear — answers live sealed in survey_participation.
 */
export interface SurveyState {
  surveyId?: string;
  index?: number;
  count?: number;
  q?: Question;
  /** changing one answer from the review: go back there afterwards */
  editing?: boolean;
}

export const stateOf = (ctx: FlowContext): SurveyState => ctx.answers as SurveyState;

export const respondentOf = (ctx: FlowContext): Promise<Respondent> =>
  resolveRespondent(ctx.tx, { memberId: ctx.conversation.memberId, identityId: ctx.conversation.identityId });

/** The chosen survey if it is still open and still meant for this worker, else null. */
export async function currentSurvey(ctx: FlowContext, r: Respondent): Promise<Survey | null> {
  const id = stateOf(ctx).surveyId;
  const s = id ? await getSurvey(ctx.tx, id) : null;
  if (!s || !isOpen(s, ctx.now)) return null;
  return isTargeted(s, r, await rootCodes(ctx.tx)) ? s : null;
}

export function showQuestion(ctx: FlowContext, s: Survey, index: number): { goto: string } {
  const st = stateOf(ctx);
  st.index = index;
  st.count = s.questions.length;
  st.q = s.questions[index];
  return { goto: 'question' };
}
