import type { FlowDef } from '../../src/flowkit/types.ts';
import { actionStep, exportStep, moreStep, viewStep } from './steps/actions.ts';
import { correctApplyStep, correctFieldStep, correctValueStep } from './steps/correct.ts';
import { deleteConfirm1Step, deleteConfirm2Step, deletePlanStep, deleteRunStep } from './steps/delete.ts';
import { cccdStep, dobStep, methodStep, routeStep, startStep, verifyStep } from './steps/verify.ts';
import { withdrawConfirmStep, withdrawListStep, withdrawPurposeStep, withdrawRunStep } from './steps/withdraw.ts';

/**
 * "Dữ liệu của tôi": a worker's rights over their personal data in chat (Law 91/2025/QH15
 * Art. 4(1): view, correct, be provided, delete, withdraw consent), after proving who they are.
 * Every request goes to the request register with its legal deadline (ND 356/2025 Art. 5).
 * Started by the router's my_data intent or the trigger phrases; each action step ends by
 * offering another action (the verification holds for this flow run only).
 */
export const myDataFlow: FlowDef = {
  id: 'my-data',
  version: 1,
  namespace: 'my-data',
  triggers: 'triggers',
  steps: [
    startStep,
    methodStep,
    cccdStep,
    dobStep,
    verifyStep,
    routeStep,
    actionStep,
    viewStep,
    exportStep,
    correctFieldStep,
    correctValueStep,
    correctApplyStep,
    deletePlanStep,
    deleteConfirm1Step,
    deleteConfirm2Step,
    deleteRunStep,
    withdrawListStep,
    withdrawPurposeStep,
    withdrawConfirmStep,
    withdrawRunStep,
    moreStep,
  ],
};
