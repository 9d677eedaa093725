import type { FlowDef } from '../../src/flowkit/types.ts';
import { cccdStep, codeStep, mineStep, resultStep } from './steps.ts';

/**
 * Tra cứu hồ sơ: the applications filed from this chat, or, from any other chat, one application
 * found by its code together with its CCCD.
 */
export const registrationStatusFlow: FlowDef = {
  id: 'registration-status',
  version: 1,
  namespace: 'registration-status',
  menu: { label: 'menu_label', order: 2 },
  triggers: 'triggers',
  steps: [mineStep, codeStep, cccdStep, resultStep],
};
