import type { FlowDef } from '../../src/flowkit/types.ts';
import { addStep, codeStep, keyStep, mineStep, offerStep, pickStep, verifyStep } from './steps.ts';

/**
 * Tra cứu phản ánh: the worker's own cases on this chat; any case from any chat by its code and
 * access key; and adding information (text, photos, files) to an open one.
 */
export const caseStatusFlow: FlowDef = {
  id: 'case-status',
  version: 1,
  namespace: 'case-status',
  menu: { label: 'menu_label', order: 4 },
  triggers: 'triggers',
  steps: [mineStep, pickStep, codeStep, keyStep, verifyStep, offerStep, addStep],
};
