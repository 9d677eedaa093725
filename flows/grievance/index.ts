import type { FlowDef } from '../../src/flowkit/types.ts';
import { NAMESPACE } from './phrases.ts';
import { anonymousStep } from './steps/anonymous.ts';
import { categoryStep } from './steps/category.ts';
import { consentStep } from './steps/consent.ts';
import { affectedStep, descriptionStep, discoveredStep, urgencyStep } from './steps/details.ts';
import { evidenceStep } from './steps/evidence.ts';
import { submitStep } from './steps/submit.ts';
import { summaryStep } from './steps/summary.ts';
import { aboutUnionStep, employerStep, knownStep, provinceStep, reuseStep, unionQueryStep, unionStep } from './steps/workplace.ts';

/**
 * Gửi phản ánh: consent, what kind of problem, where (reusing what registration knows), what
 * happened and when, how many are affected, how urgent, evidence, anonymity, confirm, file.
 */
export const grievanceFlow: FlowDef = {
  id: 'grievance',
  version: 1,
  namespace: NAMESPACE,
  menu: { label: 'menu_label', order: 3 },
  triggers: 'triggers',
  steps: [
    consentStep,
    categoryStep,
    knownStep,
    reuseStep,
    employerStep,
    provinceStep,
    unionStep,
    unionQueryStep,
    aboutUnionStep,
    descriptionStep,
    discoveredStep,
    affectedStep,
    urgencyStep,
    evidenceStep,
    anonymousStep,
    summaryStep,
    submitStep,
  ],
};
