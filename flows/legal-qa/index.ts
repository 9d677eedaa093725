import type { FlowDef } from '../../src/flowkit/types.ts';
import { answerStep, followupStep, questionStep, relatedStep, startStep, unsureStep } from './steps.ts';

/**
 * Hỏi đáp pháp luật: a question in, the rule in plain words with its article and "as of" date
 * out, then feedback, more detail, related questions or an officer. Not sure → says so, records
 * the question for officers and offers a person; it never makes a number up.
 */
export const legalQaFlow: FlowDef = {
  id: 'legal-qa',
  version: 1,
  namespace: 'legal-qa',
  menu: { label: 'menu_label', order: 6 },
  triggers: 'triggers',
  steps: [startStep, questionStep, answerStep, followupStep, relatedStep, unsureStep],
};
