// `npm test`: typecheck, then every vitest suite, then one plain summary line
// ("N passed, N failed, N skipped") that CI systems read regardless of the runner.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

if (run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit']) !== 0) {
  console.log('0 passed, 1 failed (typecheck)');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'ua-test-'));
const report = join(dir, 'vitest.json');
const status = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let summary = '';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A suite that fails to load has no failed test of its own: count it too.
  summary = `${r.numPassedTests} passed, ${r.numFailedTests > 0 ? r.numFailedTests : (r.numFailedTestSuites ?? 0)} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch {
  summary = `0 passed, 1 failed (no test report)`;
}
rmSync(dir, { recursive: true, force: true });
console.log(`\n${summary}`);
process.exit(status);
