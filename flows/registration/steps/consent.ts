import { consentStep as makeConsentStep } from '../../../src/flowkit/consent.ts';
import { NAMESPACE } from '../phrases.ts';

/**
 * Identifies the notice text the worker saw (locales/<lang>/registration.json consent.notice).
 * Change it whenever that text changes: a consent only proves what the worker was shown.
 */
export const NOTICE_VERSION = 'membership_registration/2026-11-22';

/** Consent for the membership purpose, before any personal data is asked. */
export const consentStep = makeConsentStep({
  namespace: NAMESPACE,
  purpose: 'membership_registration',
  noticeVersion: NOTICE_VERSION,
  help: 'consent.help',
});
