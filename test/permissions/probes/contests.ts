/** Probe of the contest list the broadcast form picks from (src/http/officer-contests.ts). */
import type { Probe } from '../probe.ts';

export const probes: Probe[] = [
  {
    method: 'GET',
    route: '/api/officer/contests',
    // a list: each officer gets the contests of their own scope (and above), never an error
    unscoped: true,
    setup: async (w) => {
      await w.app.db.sql.query(
        `INSERT INTO contest (id, title, organizer_code, opens_at, closes_at, time_limit_sec, questions)
         VALUES ($1, 'Tìm hiểu pháp luật lao động', $2, now(), now() + interval '7 days', 600, '[]'::jsonb) ON CONFLICT (id) DO NOTHING`,
        [`probe-contest-${w.unitA.code}`, w.unitA.code],
      );
      return { url: '/api/officer/contests' };
    },
  },
];
