import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createKeyring } from '../security/crypto.ts';
import { generateNationalData, MAX_MEMBERS, ScaleError } from './generate.ts';

const PHASE_LABEL = { org: 'org units', people: 'people   ', indexes: 'indexes  ', rollup: 'dashboard' } as const;

/** `scale:generate`: realistic national data for load tests and benchmarks (issue 8). */
export function registerScaleCommands(program: Command): void {
  program
    .command('scale:generate')
    .description(
      'generate national data: org tree (34 provinces, sector unions, ~120,000 grassroots unions at 11 M), members with ' +
        'channel identities, conversations, registrations, grievance cases and handoffs. Needs PostgreSQL beyond 50,000 members',
    )
    .requiredOption('--members <n>', `members to generate (10,000 … ${MAX_MEMBERS.toLocaleString('en')})`, (v) => Number.parseInt(v.replace(/[_,]/g, ''), 10))
    .option('--seed <n>', 'random seed (same seed and --as-of, same data)', (v) => Number.parseInt(v, 10))
    .option('--as-of <date>', 'the generated history ends on this day (YYYY-MM-DD, default today)')
    .option('--grassroots <n>', 'grassroots unions (default members / 92, at most 120,000)', (v) => Number.parseInt(v, 10))
    .option('--schema <name>', 'PostgreSQL schema to write into (overrides DATABASE_SCHEMA)')
    .action(async (opts: { members: number; seed?: number; asOf?: string; grassroots?: number; schema?: string }) => {
      if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) throw new ConfigError('--schema must be a lower-case SQL identifier');
      if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new ConfigError('--as-of must be YYYY-MM-DD');
      const config = loadConfig();
      const db = await openDatabase({
        url: config.DATABASE_URL,
        schema: opts.schema ?? config.DATABASE_SCHEMA,
        poolMax: 4,
        dataDir: config.dataDir,
      });
      // phases run one after the other: one bar per phase, each labelled in its format
      let bar: cliProgress.SingleBar | null = null;
      let barPhase = '';
      const stopBar = () => {
        bar?.stop();
        bar = null;
      };
      try {
        await db.migrate();
        const result = await generateNationalData(db, createKeyring(config.appSecret), {
          members: opts.members,
          seed: opts.seed,
          grassroots: opts.grassroots,
          asOf: opts.asOf ? new Date(`${opts.asOf}T00:00:00Z`) : undefined,
          onProgress: ({ phase, done, total }) => {
            if (!bar || barPhase !== phase) {
              stopBar();
              barPhase = phase;
              bar = new cliProgress.SingleBar({ format: `${PHASE_LABEL[phase]} {bar} {value}/{total} | {duration}s`, hideCursor: true }, cliProgress.Presets.shades_classic);
              bar.start(total, 0);
            }
            bar.setTotal(total);
            bar.update(done);
          },
        });
        stopBar();
        const c = result.counts;
        console.log(
          `generated in ${result.seconds.total.toFixed(1)} s (org ${result.seconds.org.toFixed(1)} s, people ${result.seconds.people.toFixed(1)} s, ` +
            `indexes ${result.seconds.indexes.toFixed(1)} s, dashboard rollup ${result.seconds.rollup.toFixed(1)} s): ${c.orgUnits} org units (${c.grassroots} grassroots), ${c.members} members, ` +
            `${c.applicants} applicants, ${c.identities} channel identities, ${c.conversations} conversations, ${c.registrations} registrations, ` +
            `${c.cases} grievance cases, ${c.handoffs} handoffs`,
        );
      } catch (err) {
        stopBar();
        if (err instanceof ScaleError) throw new ConfigError(err.message);
        throw err;
      } finally {
        await db.close();
      }
    });
}
