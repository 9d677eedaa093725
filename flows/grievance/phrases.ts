import { allTranslations } from '../../src/i18n.ts';

export const NAMESPACE = 'grievance';

/** Option synonyms from every locale: a worker on English still types "nợ lương", and one on Vietnamese "yes". */
export function phrases(key: string): string[] {
  return allTranslations(key, NAMESPACE);
}
