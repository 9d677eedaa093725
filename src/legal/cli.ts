import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createKeyring } from '../security/crypto.ts';
import { evaluate, formatReport } from './eval.ts';
import { listForOfficers, resolveUnanswered } from './records.ts';

/** `kb:eval` and `kb:unanswered`. */
export function registerLegalCommands(program: Command): void {
  program
    .command('kb:eval')
    .description('legal Q&A retrieval on the held-out questions (content/legal/eval): top-1/top-3 per style')
    .action(() => {
      const report = evaluate();
      console.log(formatReport(report));
    });

  program
    .command('kb:unanswered')
    .description('questions the legal Q&A could not answer, and answers rated unhelpful, for officers to turn into entries')
    .option('--limit <n>', 'how many of each', (v) => Number.parseInt(v, 10), 50)
    .option('--officer <id>', 'who is reading (written to the audit log)', process.env.USER ?? 'cli')
    .action(async (opts: { limit: number; officer: string }) => {
      const config = loadConfig();
      const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2, dataDir: config.dataDir });
      try {
        await db.migrate();
        const items = await listForOfficers(db.prisma, createKeyring(config.appSecret), opts.officer, opts.limit);
        if (items.length === 0) console.log('nothing to review');
        for (const i of items) {
          const where = i.entryId ? ` (closest entry ${i.entryId}${i.score !== undefined ? `, relevance ${i.score.toFixed(1)}` : ''})` : '';
          console.log(`${i.at.toISOString()}  ${i.kind.padEnd(10)} #${i.id}  ${i.question}${where}`);
        }
      } finally {
        await db.close();
      }
    });

  program
    .command('kb:resolve <id>')
    .description('mark an unanswered legal question (#id from kb:unanswered) as handled')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id)) throw new Error('id must be the number shown by kb:unanswered');
      const config = loadConfig();
      const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2, dataDir: config.dataDir });
      try {
        await db.migrate();
        console.log((await resolveUnanswered(db.prisma, BigInt(id), new Date())) ? `resolved #${id}` : `#${id} not found or already resolved`);
      } finally {
        await db.close();
      }
    });
}
