/**
 * Scope probes: one entry per officer API route. The permission test (test/permissions/) builds
 * a world with two grassroots unions A and B (same province) and for every route registered
 * under /api/officer/ it runs the route's probe:
 *   - `setup` creates, inside unit A, whatever the route acts on, and returns the concrete request;
 *   - as an officer of A the request must succeed (`okStatus`, default any 2xx): the probe is real;
 *   - as an officer of B the same request must answer 403 or 404 (and 404 never leaks existence),
 *     change nothing, and leave an audit row naming officer B.
 * A route registered without a probe fails the test, so a new route cannot skip the check.
 * Each area keeps its probes in test/permissions/probes/<area>.ts exporting `probes: Probe[]`.
 */
import type { App } from '../../src/app/app.ts';

export interface ProbeUnit {
  id: string;
  code: string;
  path: string;
  provinceCode: string;
}

export interface ProbeWorld {
  app: App;
  /** two grassroots unions under the same provincial federation */
  unitA: ProbeUnit;
  unitB: ProbeUnit;
  /** the provincial federation above both */
  federation: ProbeUnit;
  /** request headers that authenticate an officer (role 'unit_admin') of A, resp. of B */
  asA: Record<string, string>;
  asB: Record<string, string>;
  /** officer ids behind asA / asB (what audit rows carry as actor_id) */
  officerA: string;
  officerB: string;
  /** a worker conversation (web chat) whose member/registration belongs to unit A; created on demand */
  conversationInA(): Promise<{ conversationId: string; identityId: string }>;
}

export type ProbeMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Probe {
  method: ProbeMethod;
  /** the route exactly as registered with fastify, e.g. '/api/officer/cases/:id' */
  route: string;
  setup(w: ProbeWorld): Promise<{ url: string; payload?: unknown }>;
  /** status codes officer A may get; default: any 2xx */
  okStatus?: number[];
  /** a route with nothing unit-specific (e.g. /api/officer/me): only checks A succeeds and B is not 5xx */
  unscoped?: true;
}
