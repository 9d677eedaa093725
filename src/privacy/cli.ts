import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createKeyring } from '../security/crypto.ts';
import { loadPrivacyConfig } from './config.ts';
import { runRetention } from './retention.ts';

/** `privacy:retention [--dry-run]`: one line in src/cli/index.ts. */
export function registerPrivacyCommands(program: Command): void {
  program
    .command('privacy:retention')
    .description('delete or anonymize personal data older than its retention period (PRIVACY_RETENTION_*); --dry-run only counts')
    .option('--dry-run', 'count what would be deleted or anonymized, change nothing', false)
    .action(async (opts: { dryRun: boolean }) => {
      const config = loadConfig();
      const privacy = loadPrivacyConfig();
      const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2, dataDir: config.dataDir });
      try {
        await db.migrate();
        const r = await runRetention({ sql: db.sql, keyring: createKeyring(config.appSecret), config: privacy }, new Date(), { dryRun: opts.dryRun });
        console.log(`${r.dryRun ? 'dry run: would process' : 'processed'} (run ${r.runId})`);
        for (const [k, n] of Object.entries(r.counts)) console.log(`  ${k.padEnd(24)} ${n}`);
      } finally {
        await db.close();
      }
    });
}
