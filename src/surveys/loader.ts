import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { surveySchema, type Survey } from './schema.ts';

export interface ContentProblem {
  file: string;
  /** dotted path inside the file ("questions.2.options"), empty for the whole file */
  path: string;
  message: string;
}

export type LoadedFile = { file: string; survey: Survey } | { file: string; problems: ContentProblem[] };

/** Validates one survey file's text; problems name the file and the path inside it. */
export function parseSurveyFile(file: string, source: string): LoadedFile {
  let data: unknown;
  try {
    data = parseYaml(source, { prettyErrors: true });
  } catch (err) {
    const message = err instanceof YAMLParseError ? err.message.split('\n')[0]! : String(err);
    return { file, problems: [{ file, path: '', message: `YAML: ${message}` }] };
  }
  const r = surveySchema.safeParse(data);
  if (!r.success) {
    return {
      file,
      problems: r.error.issues.map((i) => ({ file, path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (r.data.id !== expected) {
    return { file, problems: [{ file, path: 'id', message: `id "${r.data.id}" must match the file name "${expected}"` }] };
  }
  return { file, survey: r.data };
}

export function surveyFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export interface LoadResult {
  surveys: Survey[];
  problems: ContentProblem[];
}

export function loadSurveyDir(dir: string): LoadResult {
  const surveys: Survey[] = [];
  const problems: ContentProblem[] = [];
  for (const file of surveyFiles(dir)) {
    const r = parseSurveyFile(file, readFileSync(file, 'utf8'));
    if ('survey' in r) surveys.push(r.survey);
    else problems.push(...r.problems);
  }
  return { surveys, problems };
}

export const formatProblem = (p: ContentProblem): string => `${p.file}${p.path ? `: ${p.path}` : ''}: ${p.message}`;
