// Authors a new migration offline: `npm run migration:new -- <name>`.
//
// Why this detour: Prisma 7's `migrate` commands need the native schema engine, which cannot be
// downloaded here. Prisma 6.19's Wasm schema engine (`engine: "js"` + a driver adapter) can still
// produce Prisma's exact SQL with a schema-to-schema `migrate diff` (see STACK.md 2(b)). It lives in
// tools/prisma6 (its own package: its `prisma` bin would shadow Prisma 7's) and is installed on demand.
//
// Steps: old schema = prisma/migrations/schema.snapshot.prisma (the schema the last migration was
// generated from; empty if there is none yet) -> both schemas rewritten to Prisma 6 form in a temp
// dir -> an in-memory PGlite behind PGLiteSocketServer (the diff insists on a reachable database but
// does not touch it) -> `prisma migrate diff --script` -> prisma/migrations/<UTC stamp>_<name>/migration.sql
// -> snapshot updated.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = join(root, 'tools', 'prisma6');
const schemaPath = join(root, 'prisma', 'schema.prisma');
const migrationsDir = join(root, 'prisma', 'migrations');
const snapshotPath = join(migrationsDir, 'schema.snapshot.prisma');

const log = (msg: string) => console.log(`[migration:new] ${msg}`);
function fail(msg: string): never {
  console.error(`[migration:new] error: ${msg}`);
  process.exit(1);
}

// ------------------------------------------------------------------ arguments

const rawName = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (!rawName) fail('usage: npm run migration:new -- <name>   (e.g. add_member_email)');
// Same shape as `prisma migrate dev --name`: lower-case words joined by underscores.
const name = rawName.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
if (!name) fail(`"${rawName}" is not a usable migration name`);
if (!existsSync(schemaPath)) fail(`${schemaPath} not found`);

// ------------------------------------------------------------------ tool install (on demand)

function toolIsInstalled(): boolean {
  const pins = JSON.parse(readFileSync(join(toolDir, 'package.json'), 'utf8')).dependencies as Record<string, string>;
  return Object.entries(pins).every(([pkg, version]) => {
    const p = join(toolDir, 'node_modules', pkg, 'package.json');
    return existsSync(p) && JSON.parse(readFileSync(p, 'utf8')).version === version;
  });
}

if (!toolIsInstalled()) {
  log('installing Prisma 6.19 tool into tools/prisma6 (once) ...');
  // `ci` when the lock exists so everyone diffs with the same engine. npm 11 skips the prisma /
  // @prisma/engines install scripts; the Wasm engine path does not need them.
  const cmd = existsSync(join(toolDir, 'package-lock.json')) ? 'ci' : 'install';
  const r = spawnSync('npm', ['--prefix', toolDir, cmd, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0 || !toolIsInstalled()) fail(`npm --prefix tools/prisma6 ${cmd} failed`);
}

// ------------------------------------------------------------------ schemas in Prisma 6 form

/** Rewrites a Prisma 7 schema so the Prisma 6.19 CLI accepts it and stays on its Wasm engines. */
function toPrisma6(schema: string): string {
  const lines = schema.split('\n');
  const out: string[] = [];
  let block: 'generator' | 'datasource' | null = null;
  let previewFeatures = new Set(['queryCompiler', 'driverAdapters']);
  let generatorDone = false;
  let hasUrl = false;
  for (const line of lines) {
    if (!block) {
      const m = /^\s*(generator|datasource)\s+\w+\s*\{/.exec(line);
      if (m) {
        block = m[1] as 'generator' | 'datasource';
        hasUrl = false;
        if (block === 'datasource') out.push(line);
        continue;
      }
      out.push(line);
      continue;
    }
    const closing = /^\s*\}/.test(line);
    if (block === 'generator') {
      // Keep the schema's own preview features; drop everything else (output, moduleFormat ...
      // are Prisma 7 generator options the diff does not need).
      const pf = /^\s*previewFeatures\s*=\s*\[(.*)\]/.exec(line);
      if (pf) for (const f of pf[1]!.matchAll(/"([^"]+)"/g)) previewFeatures.add(f[1]!);
      if (closing) {
        block = null;
        if (generatorDone) continue; // several generators collapse into one
        generatorDone = true;
        // engineType "client" keeps the CLI from downloading libquery_engine (STACK.md 2(b)).
        out.push(
          'generator client {',
          '  provider        = "prisma-client-js"',
          '  engineType      = "client"',
          `  previewFeatures = [${[...previewFeatures].map((f) => JSON.stringify(f)).join(', ')}]`,
          '}',
        );
      }
      continue;
    }
    // datasource
    if (/^\s*url\s*=/.test(line)) hasUrl = true;
    if (closing) {
      if (!hasUrl) out.push('  url      = env("DATABASE_URL")');
      block = null;
    }
    out.push(line);
  }
  if (block) fail('could not parse the schema: unterminated generator/datasource block');
  return out.join('\n');
}

const currentSchema = readFileSync(schemaPath, 'utf8');
const existingMigrations = existsSync(migrationsDir)
  ? readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, 'migration.sql')))
  : [];
const previousSchema = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
if (previousSchema === null && existingMigrations.length > 0) {
  // Diffing from empty would re-create every table in a second migration.
  fail(`prisma/migrations has ${existingMigrations.length} migration(s) but no schema.snapshot.prisma; restore it (e.g. from git) first`);
}
log(previousSchema === null ? 'no snapshot yet: diffing from an empty database' : 'diffing schema.snapshot.prisma -> schema.prisma');

const tmp = mkdtempSync(join(tmpdir(), 'new-migration-'));

// Validate with the project's Prisma 7 first: on an invalid schema Prisma 6 only reports a failed
// engine download. PRISMA_SCHEMA_ENGINE_BINARY is safe for `validate` (never for `migrate`). cwd = the
// empty temp dir so no prisma.config.ts is picked up.
{
  const trueBin = ['/usr/bin/true', '/bin/true'].find((p) => existsSync(p)) ?? 'true';
  const v = spawnSync(process.execPath, [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'validate', '--schema', schemaPath], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: trueBin, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (v.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    console.error(v.stderr || v.stdout);
    fail('prisma/schema.prisma is not valid (see above)');
  }
}
const newCopy = join(tmp, 'to.prisma');
const oldCopy = join(tmp, 'from.prisma');
writeFileSync(newCopy, toPrisma6(currentSchema));
if (previousSchema !== null) writeFileSync(oldCopy, toPrisma6(previousSchema));

// The config is loaded from the temp dir, so import the tool's packages by absolute path.
const toolModule = (p: string) => JSON.stringify(join(toolDir, 'node_modules', p));
const configPath = join(tmp, 'prisma.config.ts');
writeFileSync(
  configPath,
  `import { defineConfig } from ${toolModule('prisma/config.js')};
import { PrismaPg } from ${toolModule('@prisma/adapter-pg/dist/index.mjs')};

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: ${JSON.stringify(newCopy)},
  // allowExitOnIdle: an idle pool otherwise keeps the CLI alive for ~10 s.
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 1, allowExitOnIdle: true }),
});
`,
);

// ------------------------------------------------------------------ diff against an in-memory PGlite

function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Must be async: with spawnSync the PGlite socket server in this process never answers and the
  // diff hangs.
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, args, { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

let sql: string;
let server: { stop(): Promise<void>; getServerConn(): string } | undefined;
let pglite: { close(): Promise<void> } | undefined;
try {
  const importTool = (p: string) => import(pathToFileURL(join(toolDir, 'node_modules', p)).href);
  const { PGlite } = await importTool('@electric-sql/pglite/dist/index.js');
  const { PGLiteSocketServer } = await importTool('@electric-sql/pglite-socket/dist/index.js');
  pglite = await PGlite.create();
  server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 4 }) as {
    start(): Promise<void>;
    stop(): Promise<void>;
    getServerConn(): string;
  };
  await (server as unknown as { start(): Promise<void> }).start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  log(`in-memory PGlite listening on ${server.getServerConn()}; running prisma 6.19 migrate diff ...`);

  const args = [
    join(toolDir, 'node_modules', 'prisma', 'build', 'index.js'),
    'migrate',
    'diff',
    '--config',
    configPath,
    ...(previousSchema === null ? ['--from-empty'] : ['--from-schema-datamodel', oldCopy]),
    '--to-schema-datamodel',
    newCopy,
    '--script',
  ];
  const r = await runChild(args, {
    ...process.env,
    DATABASE_URL: url,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
    PRISMA_SCHEMA_ENGINE_BINARY: undefined, // never for migrate: it would silently do nothing
  });
  if (r.code !== 0) {
    console.error(r.stderr || r.stdout);
    throw new Error(`prisma migrate diff exited with code ${r.code}`);
  }
  sql = r.stdout;
} catch (e) {
  fail((e as Error).message);
} finally {
  await server?.stop().catch(() => {});
  await pglite?.close().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}

// ------------------------------------------------------------------ write the migration

const body = sql
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.trim().startsWith('--'))
  .join('');
if (body === '') {
  log('no changes: prisma/schema.prisma matches the last migration; nothing written');
  process.exit(0);
}
if (!/(CREATE|ALTER|DROP|COMMENT)\b/.test(sql)) fail(`unexpected output from prisma migrate diff:\n${sql}`);

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14); // UTC yyyymmddHHMMSS
const folder = `${stamp}_${name}`;
const dir = join(migrationsDir, folder);
if (existsSync(dir)) fail(`${dir} already exists`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), sql);
writeFileSync(snapshotPath, currentSchema);
const lockPath = join(migrationsDir, 'migration_lock.toml');
if (!existsSync(lockPath)) {
  writeFileSync(
    lockPath,
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
}
log(`wrote prisma/migrations/${folder}/migration.sql (${sql.split('\n').length} lines)`);
log('updated prisma/migrations/schema.snapshot.prisma; commit both with prisma/schema.prisma');
