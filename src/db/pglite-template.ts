/**
 * Test seam for the in-memory embedded database (DATA_DIR=memory://).
 *
 * A new in-memory PGlite runs initdb, several seconds of CPU and most of its start-up; unpacking a
 * data folder takes a fraction of that. The test run's global setup (test/pglite-template.ts)
 * writes one freshly migrated data folder as a tarball and names it in these variables; in-memory
 * databases then start as copies of it, and migrate() still applies whatever the tarball lacks.
 * Unset (production, CLI, benchmarks): initdb as usual.
 */
import { readFileSync } from 'node:fs';

/** tarball of a data folder with every migration applied (src/db/client.ts opens copies of it) */
export const PGLITE_TEMPLATE_ENV = 'UA_TEST_PGLITE_TEMPLATE';
/** tarball of a just-initialised, empty data folder (for tests that apply migrations themselves) */
export const PGLITE_EMPTY_ENV = 'UA_TEST_PGLITE_EMPTY';

const read = new Map<string, Blob>();

function tarball(variable: string): Blob | undefined {
  const file = process.env[variable];
  if (!file) return undefined;
  // read once per process: a test file may open several databases from the same template
  let blob = read.get(file);
  if (!blob) read.set(file, (blob = new Blob([readFileSync(file)])));
  return blob;
}

/** the migrated template of this test run, if any */
export const memoryTemplate = (): Blob | undefined => tarball(PGLITE_TEMPLATE_ENV);

/** the empty cluster of this test run, if any */
export const emptyTemplate = (): Blob | undefined => tarball(PGLITE_EMPTY_ENV);
