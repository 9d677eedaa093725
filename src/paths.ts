import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory of the process. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
