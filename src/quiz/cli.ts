import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createKeyring } from '../security/crypto.ts';
import { loadQuizContent, validateQuizContent } from './content.ts';
import { resultRows, toCsv, toXlsx } from './export.ts';

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>, secret: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 4, dataDir: config.dataDir });
  try {
    await db.migrate();
    return await fn(db, config.appSecret);
  } finally {
    await db.close();
  }
}

/** `quiz:validate`, `quiz:load`, `contest:export`: content checks and the organizing committee's results. */
export function registerQuizCommands(program: Command): void {
  program
    .command('quiz:validate')
    .description('check the question bank and contest files in content/quiz (no database needed)')
    .action(() => {
      const { questions, contests } = validateQuizContent();
      console.log(`${questions.length} questions and ${contests.length} contest(s) are valid`);
    });

  program
    .command('quiz:load')
    .description('validate content/quiz and write the contest definitions (with their question snapshot) to the database')
    .action(async () => {
      await withDb(async (db) => {
        const r = await loadQuizContent(db.prisma);
        console.log(`loaded ${r.contests} contest(s) over a bank of ${r.questions} questions`);
      });
    });

  program
    .command('contest:export <contestId>')
    .description('export a contest leaderboard for the organizing committee (phones included: the export is audited)')
    .option('--format <format>', 'csv or xlsx', 'xlsx')
    .requiredOption('--out <file>', 'file to write')
    .action(async (contestId: string, opts: { format: string; out: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new ConfigError('--format must be csv or xlsx');
      await withDb(async (db, secret) => {
        const now = new Date();
        const rows = await resultRows(db.prisma, createKeyring(secret), contestId, now, { actorType: 'cli', actorId: userInfo().username });
        const body = opts.format === 'csv' ? toCsv(rows) : await toXlsx(db.prisma, contestId, now, rows);
        writeFileSync(opts.out, body);
        console.log(`wrote ${rows.length} result(s) to ${opts.out}`);
      });
    });
}
