import { allTranslations } from '../../src/i18n.ts';
import { NAMESPACE } from '../../src/benefits/search.ts';

export { NAMESPACE };

/** Option synonyms from every locale: a worker on English still types "đồng ý", and vice versa. */
export function phrases(key: string): string[] {
  return allTranslations(key, NAMESPACE);
}
