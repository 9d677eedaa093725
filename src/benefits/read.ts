import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { catalogFileSchema, type Programme } from './schema.ts';

export interface CatalogError {
  /** the file as given relative to the content folder, e.g. "national/tet.yaml" */
  file: string;
  /** where in the file: "programmes[1].title.en"; empty for a whole-file problem */
  path: string;
  message: string;
}

export interface CatalogEntry {
  programme: Programme;
  file: string;
}

export interface Catalog {
  entries: CatalogEntry[];
  errors: CatalogError[];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)), '');
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Parses and validates one file's text; `file` only labels the errors. */
export function parseCatalogFile(file: string, text: string): Catalog {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { entries: [], errors: doc.errors.map((e) => ({ file, path: '', message: e.message.split('\n')[0]! })) };
  }
  const parsed = catalogFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return { entries: [], errors: parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })) };
  }
  return { entries: parsed.data.programmes.map((programme) => ({ programme, file })), errors: [] };
}

/**
 * Every programme under `dir`. A broken file contributes errors and no programmes; ids must be
 * unique across the whole folder, since the id is what the database and old requests refer to.
 */
export function readCatalog(dir: string): Catalog {
  const entries: CatalogEntry[] = [];
  const errors: CatalogError[] = [];
  const files = yamlFiles(dir);
  if (files.length === 0) errors.push({ file: dir, path: '', message: 'no .yaml files found' });
  const seen = new Map<string, string>();
  for (const full of files) {
    const file = relative(dir, full);
    const one = parseCatalogFile(file, readFileSync(full, 'utf8'));
    errors.push(...one.errors);
    one.entries.forEach((e, i) => {
      const first = seen.get(e.programme.id);
      if (first) {
        errors.push({ file, path: `programmes[${i}].id`, message: `duplicate id "${e.programme.id}" (first in ${first})` });
        return;
      }
      seen.set(e.programme.id, file);
      entries.push(e);
    });
  }
  return { entries, errors };
}

export function formatCatalogError(e: CatalogError): string {
  return `${e.file}${e.path ? `: ${e.path}` : ''}: ${e.message}`;
}
