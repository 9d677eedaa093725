import type { FlowDef } from '../../src/flowkit/types.ts';
import { NAMESPACE } from './parse.ts';
import { editPickStep, introStep, listStep, pickStep, questionStep, reviewShowStep, reviewStep, submitStep } from './steps.ts';

/**
 * Góp ý dự thảo: the open surveys meant for this worker, the draft's summary and link, one
 * question at a time (saved as answered, so a worker continues days later, from any chat),
 * a review where any answer can be changed, then one response per person.
 */
export const surveyFlow: FlowDef = {
  id: 'survey',
  version: 1,
  namespace: NAMESPACE,
  menu: { label: 'menu_label', order: 7 },
  triggers: 'triggers',
  steps: [listStep, pickStep, introStep, questionStep, reviewShowStep, reviewStep, editPickStep, submitStep],
};
