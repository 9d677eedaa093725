import { consentStep as makeConsentStep } from '../../../src/flowkit/consent.ts';
import { NAMESPACE } from '../phrases.ts';

/** Identifies the notice the worker saw (grievance.json consent.notice); change it with that text. */
export const NOTICE_VERSION = 'grievance/2026-11-22';

/**
 * Consent for the grievance purpose before any detail is asked: separate from membership
 * consent (one consent per purpose).
 */
export const consentStep = makeConsentStep({ namespace: NAMESPACE, purpose: 'grievance', noticeVersion: NOTICE_VERSION });
