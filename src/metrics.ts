import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of this process (GET /metrics on the API). Labels are low-cardinality
 * only: channel and outcome, never a user, a conversation or a message.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'ua_' });

export const inboundTotal = new Counter({
  name: 'ua_inbound_total',
  help: 'Inbound events accepted into the inbox, and platform retries recognised as duplicates',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});

export const turnsTotal = new Counter({
  name: 'ua_turns_total',
  help: 'Conversation turns processed (done) or given up after repeated failures (failed)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const turnSeconds = new Histogram({
  name: 'ua_turn_duration_seconds',
  help: 'Time of one turn transaction: lock, flow, state + outbox write, commit',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const outboundTotal = new Counter({
  name: 'ua_outbound_total',
  help: 'Outbox messages sent, retried later, or dead-lettered',
  labelNames: ['channel', 'status'] as const,
  registers: [registry],
});

export const sendSeconds = new Histogram({
  name: 'ua_send_duration_seconds',
  help: 'Time of one adapter send (platform API call, or web chat transcript append)',
  labelNames: ['channel'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
