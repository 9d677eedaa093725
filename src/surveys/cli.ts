import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { projectRoot } from '../paths.ts';
import { createKeyring } from '../security/crypto.ts';
import { toCsv, toXlsx } from './export.ts';
import { formatProblem, loadSurveyDir } from './loader.ts';
import { surveyReport } from './report.ts';
import { storeSurveys } from './store.ts';

export const SURVEY_DIR = join(projectRoot, 'content', 'surveys');

async function withDb<T>(fn: (db: Database, secret: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2, dataDir: config.dataDir });
  try {
    await db.migrate();
    return await fn(db, config.appSecret);
  } finally {
    await db.close();
  }
}

function validated(dir: string) {
  const r = loadSurveyDir(dir);
  if (r.problems.length > 0) {
    for (const p of r.problems) console.error(formatProblem(p));
    throw new ConfigError(`${r.problems.length} problem(s) in ${dir}`);
  }
  return r.surveys;
}

/** `survey:validate`, `survey:load`, `survey:results`: one line in src/cli/index.ts. */
export function registerSurveyCommands(program: Command): void {
  program
    .command('survey:validate')
    .description('check every survey file in content/surveys (file and path of each problem)')
    .option('--dir <dir>', 'survey folder', SURVEY_DIR)
    .action((opts: { dir: string }) => {
      const surveys = validated(opts.dir);
      console.log(`${surveys.length} survey(s) valid`);
    });

  program
    .command('survey:load')
    .description('validate content/surveys and store the surveys in the database')
    .option('--dir <dir>', 'survey folder', SURVEY_DIR)
    .action(async (opts: { dir: string }) => {
      const surveys = validated(opts.dir);
      await withDb(async (db) => {
        const r = await storeSurveys(db.prisma, surveys, new Date());
        for (const u of r.unknownUnits) console.warn(`warning: ${u.survey}: target unit ${u.code} is not in the org tree`);
        console.log(`inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}`);
      });
    });

  program
    .command('survey:results <id>')
    .description('counts and percentages per question, province and unit (groups under 5 merged), as CSV or XLSX')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--out <file>', 'write to this file instead of standard output (required for xlsx)')
    .option('--actor <id>', 'who reads the results, for the audit log', process.env.USER ?? 'cli')
    .action(async (id: string, opts: { format: string; out?: string; actor: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new ConfigError('--format must be csv or xlsx');
      if (opts.format === 'xlsx' && !opts.out) throw new ConfigError('--out is required for xlsx');
      await withDb(async (db, secret) => {
        const report = await surveyReport(db.prisma, createKeyring(secret), id, { type: 'officer', id: `cli:${opts.actor}` }, new Date());
        if (!report) throw new ConfigError(`no survey ${id} in the database (run survey:load)`);
        const body = opts.format === 'csv' ? toCsv(report) : await toXlsx(report);
        if (opts.out) {
          writeFileSync(opts.out, body);
          console.log(`${report.results.respondents} response(s) → ${opts.out}`);
        } else {
          process.stdout.write(body);
        }
      });
    });
}
