import type { FlowDef } from '../../src/flowkit/types.ts';
import { showCardStep } from './steps.ts';

/**
 * Thẻ đoàn viên: shows a verified member their digital membership card again, on whatever
 * channel they write from (a chat account counts as verified once an approval linked it).
 */
export const memberCardFlow: FlowDef = {
  id: 'member-card',
  version: 1,
  namespace: 'member-card',
  triggers: 'triggers',
  steps: [showCardStep],
};
