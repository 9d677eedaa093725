import type { Notifier } from '../queue/notifier.ts';
import type { JobQueue } from '../queue/types.ts';
import { publishOfficerEvent, type OfficerEvent } from '../officers/events.ts';

/**
 * What a handoff change must announce once its transaction has committed: live events for the
 * console and delivery hints for notices written to the outbox. Collected during the transaction,
 * flushed after it, so nobody is told about a change that then rolls back.
 */
export class Effects {
  readonly events: OfficerEvent[] = [];
  readonly deliver = new Set<string>();

  event(e: OfficerEvent): void {
    if (!this.events.some((x) => JSON.stringify(x) === JSON.stringify(e))) this.events.push(e);
  }

  /** the usual pair: the conversation changed and the queue of its unit changed */
  changed(conversationId: string, unitPath: string): void {
    this.event({ type: 'conversation.updated', unitPath, conversationId });
    this.event({ type: 'queue.changed', unitPath });
  }

  async flush(deps: { notifier?: Pick<Notifier, 'publish'>; queue?: Pick<JobQueue, 'enqueue'> }): Promise<void> {
    if (deps.notifier) for (const e of this.events) publishOfficerEvent(deps.notifier, e);
    if (deps.queue) for (const id of this.deliver) await deps.queue.enqueue('deliver', id);
  }
}
