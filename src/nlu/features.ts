/**
 * Sparse features of a normalized message: word unigrams and bigrams carry the phrasing
 * ("khieu nai", "bao nhieu"), character 3- and 4-grams inside words survive the typos and odd
 * abbreviations that the normalizer did not catch ("khieunai", "tangca", "lươg").
 * Each group is scaled to unit length so a long story and a three-word message weigh the same.
 */
export type FeatureVector = Map<string, number>;

function addGroup(out: FeatureVector, keys: string[]): void {
  if (keys.length === 0) return;
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  const scale = 1 / Math.sqrt(norm);
  for (const [k, c] of counts) out.set(k, (out.get(k) ?? 0) + c * scale);
}

export function featurize(normalized: string): FeatureVector {
  const out: FeatureVector = new Map();
  const words = normalized === '' ? [] : normalized.split(' ');
  addGroup(out, words.map((w) => `w:${w}`));
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) bigrams.push(`b:${words[i]}_${words[i + 1]}`);
  addGroup(out, bigrams);
  const chars: string[] = [];
  const compact = ` ${normalized} `;
  for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= compact.length; i++) chars.push(`c:${compact.slice(i, i + n)}`);
  addGroup(out, chars);
  out.set('bias', 1);
  return out;
}
