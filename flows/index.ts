import type { FlowDef } from '../src/flowkit/types.ts';
import { benefitsFlow } from './benefits/index.ts';
import { caseStatusFlow } from './case-status/index.ts';
import { grievanceFlow } from './grievance/index.ts';
import { legalQaFlow } from './legal-qa/index.ts';
import { myDataFlow } from './my-data/index.ts';
import { quizContestFlow, quizPracticeFlow } from './quiz/index.ts';
import { registrationFlow } from './registration/index.ts';
import { registrationStatusFlow } from './registration-status/index.ts';
import { surveyFlow } from './survey/index.ts';
import { memberCardFlow } from './member-card/index.ts';

/** Every flow the assistant runs: a new flow is a folder under flows/ and one line here. */
export const flows: FlowDef[] = [registrationFlow, registrationStatusFlow, surveyFlow, benefitsFlow, grievanceFlow, caseStatusFlow, quizContestFlow, quizPracticeFlow, legalQaFlow, memberCardFlow, myDataFlow];
