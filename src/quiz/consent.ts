/** Identifies the notice a non-member saw before giving name, phone and unit (locales quiz.json identity.notice). */
export const CONTEST_NOTICE_VERSION = 'contest_participation/2026-11-22';
