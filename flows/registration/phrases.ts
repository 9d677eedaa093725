import { allTranslations } from '../../src/i18n.ts';

export const NAMESPACE = 'registration';

/**
 * Option synonyms from every locale: a worker on English still types "đồng ý" or "nam", and one
 * on Vietnamese types "yes".
 */
export function phrases(key: string): string[] {
  return allTranslations(key, NAMESPACE);
}
