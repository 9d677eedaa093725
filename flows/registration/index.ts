import type { FlowDef } from '../../src/flowkit/types.ts';
import { NAMESPACE } from './phrases.ts';
import { cccdStep } from './steps/cccd.ts';
import { consentStep } from './steps/consent.ts';
import { dobStep } from './steps/dob.ts';
import { fullNameStep } from './steps/full-name.ts';
import { genderStep } from './steps/gender.ts';
import { phoneStep } from './steps/phone.ts';
import { provinceStep } from './steps/province.ts';
import { submitStep } from './steps/submit.ts';
import { summaryStep } from './steps/summary.ts';
import { unionQueryStep, unionStep } from './steps/union.ts';
import { addressStep, employerStep } from './steps/workplace.ts';

/** Đăng ký gia nhập Công đoàn: consent, the applicant, the workplace, where it goes, confirm, file. */
export const registrationFlow: FlowDef = {
  id: 'registration',
  version: 1,
  namespace: NAMESPACE,
  menu: { label: 'menu_label', order: 1 },
  triggers: 'triggers',
  steps: [
    consentStep,
    fullNameStep,
    dobStep,
    genderStep,
    cccdStep,
    phoneStep,
    employerStep,
    addressStep,
    provinceStep,
    unionStep,
    unionQueryStep,
    summaryStep,
    submitStep,
  ],
};
