import type { Notifier } from '../queue/notifier.ts';

/**
 * Live events for the officer console. Published through the Notifier (Redis pub/sub when
 * REDIS_URL is set), so an officer connected to one API instance hears what a worker process or
 * another instance changed. Carries ids only, never personal data: the console re-reads through
 * the scoped API. `unitPath` is the org path of the unit the event belongs to; a listener only
 * receives events inside their scope.
 */
export type OfficerEvent =
  | { type: 'conversation.updated'; unitPath: string; conversationId: string }
  | { type: 'conversation.message'; unitPath: string; conversationId: string }
  /** a conversation went back to the queue because its officer did not answer (for that officer's console) */
  | { type: 'conversation.requeued'; unitPath: string; conversationId: string; officerId: string }
  | { type: 'queue.changed'; unitPath: string }
  | { type: 'case.updated'; unitPath: string; caseId: string }
  | { type: 'registration.updated'; unitPath: string; registrationId: string }
  | { type: 'broadcast.progress'; unitPath: string; broadcastId: string };

export const OFFICER_EVENTS_TOPIC = 'officer-events';

export function publishOfficerEvent(notifier: Pick<Notifier, 'publish'>, event: OfficerEvent): void {
  notifier.publish(OFFICER_EVENTS_TOPIC, JSON.stringify(event));
}

/** Subscribes to the events inside one scope (an org path prefix). Returns the unsubscribe. */
export function subscribeOfficerEvents(notifier: Pick<Notifier, 'subscribe'>, scopePath: string, fn: (e: OfficerEvent) => void): () => void {
  return notifier.subscribe(OFFICER_EVENTS_TOPIC, (raw) => {
    let e: OfficerEvent;
    try {
      e = JSON.parse(raw) as OfficerEvent;
    } catch {
      return;
    }
    // an event about a unit above the scope (e.g. escalated to the federation) is not theirs
    if (typeof e.unitPath === 'string' && e.unitPath.startsWith(scopePath)) fn(e);
  });
}
