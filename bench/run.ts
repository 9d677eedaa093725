/**
 * `npm run bench`: runs the benchmarks and writes each as a Markdown table in bench/results/.
 * `npm run bench -- pipeline` runs one. Needs PostgreSQL and Redis (TEST_DATABASE_URL /
 * TEST_REDIS_URL, default 127.0.0.1).
 */
import { benchPipeline } from './pipeline.ts';
import { benchBurst } from './burst.ts';
import { benchKb } from './kb.ts';
import { benchContest } from './contest.ts';
import { benchOfficerQueries } from './officer-queries.ts';
import { benchScaleOut } from './scale-out.ts';
import { benchBroadcast } from './broadcast.ts';

const benches: Record<string, () => Promise<string>> = {
  pipeline: benchPipeline,
  burst: benchBurst,
  kb: benchKb,
  contest: benchContest,
  'officer-queries': benchOfficerQueries,
  'scale-out': benchScaleOut,
  broadcast: benchBroadcast,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name}`);
  console.log(await run());
}
process.exit(0);
