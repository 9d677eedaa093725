import type { InboundSink } from '../../../src/channels/types.ts';
import type { InboundEvent } from '../../../src/core/model.ts';

export interface RecordingSink extends InboundSink {
  events: InboundEvent[];
}

/** Stands in for the pipeline: records each event and answers 'duplicate' for a known dedupe key. */
export function recordingSink(): RecordingSink {
  const seen = new Set<string>();
  const events: InboundEvent[] = [];
  return {
    events,
    async accept(event) {
      events.push(event);
      const duplicate = seen.has(event.dedupeKey);
      seen.add(event.dedupeKey);
      return { status: duplicate ? 'duplicate' : 'accepted', conversationId: `conv-${event.conversationExternalId}`, inboxId: `inbox-${events.length}` };
    },
  };
}
