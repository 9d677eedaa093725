import type { FlowDef } from '../../src/flowkit/types.ts';
import { answerStep, answerTrueFalseStep, beginStep, readyStep } from './contest-attempt.ts';
import { remindStep } from './contest-reminder.ts';
import { consentStep, identifyStep, listStep, nameStep, phoneStep, pickStep, predictionStep, unitStep } from './contest-identity.ts';

/**
 * Cuộc thi tìm hiểu pháp luật: pick an open contest, say who you are (a member is recognised,
 * others give name, phone and unit), optionally predict, then answer against the server's clock.
 * Nothing open yet: the next announced contest, with "Nhắc tôi khi mở" (contest-reminder.ts).
 */
export const quizContestFlow: FlowDef = {
  id: 'quiz-contest',
  version: 1,
  namespace: 'quiz',
  menu: { label: 'contest.menu_label', order: 8 },
  triggers: 'contest.triggers',
  steps: [listStep, pickStep, identifyStep, consentStep, nameStep, phoneStep, unitStep, predictionStep, readyStep, beginStep, answerStep, answerTrueFalseStep, remindStep],
};
