import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { refuseOutOfScope } from '../officers/audit.ts';
import { addDays, dashboardFor, prefixPattern, type Dashboard, type UnitRef } from '../scale/dashboard.ts';
import { createRollupRefresher, mondayOf } from '../scale/rollup.ts';
import { sendExport, type ExportColumn } from './export.ts';
import type { OfficerRouteDeps } from './routes.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a date');
const Query = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** a unit inside the officer's scope whose children to show (default: the officer's own unit) */
  unit: z.string().trim().min(1).max(40).optional(),
  format: z.enum(['csv', 'xlsx', 'json']).optional(),
  /** what an export holds: one row per child unit (default) or per week */
  table: z.enum(['units', 'weeks']).optional(),
});

/** Two years of weeks at most: the rollup keeps everything, a chart does not need more. */
const MAX_WEEKS = 104;
const DEFAULT_WEEKS = 12;

type UnitRow = Dashboard['byUnit'][number];
type WeekRow = { week: string } & { [K in keyof Dashboard['series']]: number | null };

const METRIC_COLUMNS = [
  { key: 'conversations', header: 'Cuộc hội thoại / Conversations' },
  { key: 'handoffs', header: 'Chuyển cán bộ / Handoffs' },
  { key: 'firstResponseP50', header: 'Phản hồi đầu tiên p50 (giây) / First response p50 (s)' },
  { key: 'firstResponseP90', header: 'Phản hồi đầu tiên p90 (giây) / First response p90 (s)' },
  { key: 'slaBreaches', header: 'Quá hạn SLA / SLA breaches' },
  { key: 'registrations', header: 'Đăng ký / Registrations' },
  { key: 'cases', header: 'Phản ánh / Cases' },
] as const;

const UNIT_COLUMNS: ExportColumn<UnitRow>[] = [
  { key: 'code', header: 'Mã đơn vị / Unit code', value: (r) => r.unit.code },
  { key: 'name', header: 'Đơn vị / Unit', value: (r) => (r.direct ? `${r.unit.name} (trực tiếp / direct)` : r.unit.name), width: 50 },
  ...METRIC_COLUMNS,
];
const WEEK_COLUMNS: ExportColumn<WeekRow>[] = [{ key: 'week', header: 'Tuần từ thứ Hai / Week from Monday' }, ...METRIC_COLUMNS];

/**
 * GET /api/officer/dashboard?from=&to=&unit=&format= (issue 7 "Dashboard"): conversations,
 * handoffs, first-response time p50/p90, SLA breaches, registrations and cases per week and per
 * child unit of the scope unit. Aggregates only, no personal data, so a read is not audited; a
 * unit outside the scope answers 404 and is audited like every refused request.
 */
export async function registerOfficerDashboardRoutes(app: FastifyInstance, deps: OfficerRouteDeps): Promise<void> {
  const refresher = createRollupRefresher(deps.db, {
    clock: deps.clock,
    onError: (err) => deps.log.warn({ err }, 'dashboard rollup refresh failed'),
  });
  app.addHook('onClose', async () => {
    await refresher.settled();
  });

  app.get('/api/officer/dashboard', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const q = Query.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'bad_request', message: `Invalid parameter: ${q.error.issues.map((i) => i.path.join('.')).join(', ')}` });

    const scopeLike = prefixPattern(ctx.scopePath);
    const [unit] = q.data.unit
      ? await deps.db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE code = $1 AND path LIKE $2`, [q.data.unit, scopeLike])
      : await deps.db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE path = $1`, [ctx.scopePath]);
    if (!unit) {
      return refuseOutOfScope(deps.db.prisma, reply, ctx, { entity: 'org_unit', entityId: q.data.unit ?? ctx.scopePath, action: 'dashboard.access_denied', message: 'No such unit' }, deps.clock());
    }

    const to = mondayOf(q.data.to ? new Date(`${q.data.to}T12:00:00+07:00`) : deps.clock());
    const from = q.data.from ? mondayOf(new Date(`${q.data.from}T12:00:00+07:00`)) : addDays(to, -7 * (DEFAULT_WEEKS - 1));
    const weeks = Math.round((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)) + 1;
    if (weeks < 1 || weeks > MAX_WEEKS) {
      return reply.code(400).send({ error: 'bad_range', message: `from must be before to, at most ${MAX_WEEKS} weeks apart` });
    }

    await refresher.poke();
    const d = await dashboardFor(deps.db, unit, from, to);
    const format = q.data.format === 'json' ? undefined : q.data.format;
    if (!format) return d;
    const name = `bang-dieu-khien-${unit.code}-${from}-${to}`;
    if (q.data.table === 'weeks') {
      const rows: WeekRow[] = d.weeks.map((week, k) => ({
        week,
        conversations: d.series.conversations[k]!,
        handoffs: d.series.handoffs[k]!,
        firstResponseP50: d.series.firstResponseP50[k]!,
        firstResponseP90: d.series.firstResponseP90[k]!,
        slaBreaches: d.series.slaBreaches[k]!,
        registrations: d.series.registrations[k]!,
        cases: d.series.cases[k]!,
      }));
      return sendExport(reply, format, `${name}-theo-tuan`, WEEK_COLUMNS, rows);
    }
    return sendExport(reply, format, `${name}-theo-don-vi`, UNIT_COLUMNS, d.byUnit);
  });
}
