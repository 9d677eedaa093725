import type { FlowDef } from '../../src/flowkit/types.ts';
import { NAMESPACE } from './phrases.ts';
import { applyStartStep, consentStep, fullNameStep, phoneStep, submitStep } from './steps/apply.ts';
import { dialogStep, memberStep, provinceStep, situationStep, unitQueryStep, unitStep } from './steps/dialog.ts';
import { entryStep } from './steps/entry.ts';
import { nextStep } from './steps/next.ts';
import { resultsStep } from './steps/results.ts';
import { topicStep } from './steps/topic.ts';

/**
 * Tra cứu chế độ, phúc lợi: by topic or by a short eligibility dialogue, every answer with how to
 * apply, and "Đăng ký nhận hỗ trợ" where the union takes applications.
 */
export const benefitsFlow: FlowDef = {
  id: 'benefits',
  version: 1,
  namespace: NAMESPACE,
  menu: { label: 'menu_label', order: 5 },
  triggers: 'triggers',
  steps: [
    entryStep,
    topicStep,
    dialogStep,
    memberStep,
    provinceStep,
    unitQueryStep,
    unitStep,
    situationStep,
    resultsStep,
    nextStep,
    applyStartStep,
    consentStep,
    fullNameStep,
    phoneStep,
    submitStep,
  ],
};
