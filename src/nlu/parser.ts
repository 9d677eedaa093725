import { IntentClassifier, type Ranked } from './classifier.ts';
import { loadExamples, type Example } from './data.ts';
import { extractEntities, type Entity } from './entities.ts';
import { normalizeForNlu } from './normalize.ts';

export interface ParseResult {
  text: string;
  intent: Ranked;
  intent_ranking: Ranked[];
  entities: Entity[];
}

/** Messages longer than this are cut before classifying: a story's intent shows in its first lines. */
const MAX_CHARS = 2000;

/** Rasa-shaped understanding of one message: the ranked intents and the entities. */
export class NluParser {
  private constructor(private readonly classifier: IntentClassifier) {}

  static fromExamples(examples: readonly Example[]): NluParser {
    return new NluParser(IntentClassifier.train(examples.map((e) => ({ text: normalizeForNlu(e.text), intent: e.intent }))));
  }

  get intents(): readonly string[] {
    return this.classifier.intents;
  }

  parse(text: string): ParseResult {
    const clipped = text.slice(0, MAX_CHARS);
    const normalized = normalizeForNlu(clipped);
    const ranking =
      normalized === ''
        ? [{ name: 'out_of_scope', confidence: 1 }]
        : this.classifier.rank(normalized);
    const entities = extractEntities(clipped);
    const ranked = codeDecides(ranking, entities);
    return { text, intent: ranked[0]!, intent_ranking: ranked.slice(0, 10), entities };
  }
}

const CODE_INTENTS: ReadonlySet<string> = new Set(['register', 'registration_status', 'complaint', 'case_status']);

/**
 * A quoted reference code says which record the worker asks about: DK- is a membership
 * application, PA- a grievance case. When the words already point at one of those four
 * intents, the code's kind decides between them; it never overrides "xóa dữ liệu DK-...".
 */
function codeDecides(ranking: Ranked[], entities: readonly Entity[]): Ranked[] {
  const code = entities.find((e) => e.entity === 'case_code');
  if (!code || !CODE_INTENTS.has(ranking[0]!.name)) return ranking;
  const wanted = String(code.value).startsWith('PA-') ? 'case_status' : 'registration_status';
  if (ranking[0]!.name === wanted) return ranking;
  const hit = ranking.find((r) => r.name === wanted)!;
  const top = ranking[0]!;
  // swap the two confidences so the ranking stays a distribution
  return [
    { name: wanted, confidence: top.confidence },
    ...ranking.filter((r) => r !== hit && r !== top),
    { name: top.name, confidence: hit.confidence },
  ].sort((a, b) => b.confidence - a.confidence);
}

let shared: NluParser | undefined;

/** The parser trained on content/nlu/train, built once per process on first use (well under a second). */
export function defaultParser(): NluParser {
  shared ??= NluParser.fromExamples(loadExamples('train'));
  return shared;
}
