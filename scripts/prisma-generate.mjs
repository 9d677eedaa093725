// Generates the Prisma client into src/generated/prisma without the native schema engine.
// `prisma generate` only needs the engine binary's presence check, and the engine cannot be
// downloaded on machines without internet, so we point PRISMA_SCHEMA_ENGINE_BINARY at `true`
// for THIS command only (never for `migrate *`: it would silently apply nothing, see STACK.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const trueBin = ['/usr/bin/true', '/bin/true'].find((p) => existsSync(p)) ?? 'true';
const res = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: trueBin, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(res.status ?? 1);
