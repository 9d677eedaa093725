import { normalizeForMatch } from '../lang/normalize.ts';
import { defaultParser, type NluParser } from './parser.ts';

export type RouterCommand = 'human' | 'menu' | 'lang_en' | 'lang_vi';

export interface RouteAlternative {
  intent: string;
  confidence: number;
  flowId?: string;
}

export interface NluRoute {
  flowId?: string;
  command?: RouterCommand;
  intent: string;
  confidence: number;
  alternatives: RouteAlternative[];
}

/** "cuộc thi", "dự thi", "thi tìm hiểu": the worker means the contest, not a practice round. */
const CONTEST_WORDS = / (cuoc thi|du thi|thi tim hieu|hoi thi) /;

function flowCandidates(intent: string, normalized: string): readonly string[] {
  const ids = INTENT_FLOWS[intent] ?? [];
  if (intent === 'quiz' && CONTEST_WORDS.test(` ${normalized} `)) return ['quiz-contest', ...ids.filter((id) => id !== 'quiz-contest')];
  return ids;
}

export type NluRouter = (text: string) => NluRoute;

/**
 * Flow ids per intent, first existing one wins. Several engineers add these flows in parallel;
 * the legal Q&A flow's id was not fixed when this was written, so its usual spellings are listed.
 */
export const INTENT_FLOWS: Readonly<Record<string, readonly string[]>> = {
  register: ['registration'],
  registration_status: ['registration-status'],
  complaint: ['grievance'],
  case_status: ['case-status'],
  benefits: ['benefits'],
  // the quiz engineer split it into practice and the union's contest; a bare "đố vui" is practice
  quiz: ['quiz', 'quiz-practice', 'quiz-contest'],
  survey: ['survey'],
  legal_question: ['legal-qa', 'legal', 'kb', 'legal-question'],
  my_data: ['my-data', 'privacy'],
  member_card: ['member-card'],
};

/** Intents the engine answers with one of its own commands rather than a flow. */
const COMMAND_INTENTS: Readonly<Record<string, RouterCommand>> = { human: 'human', menu: 'menu' };

/** At or above this the engine starts the flow (or runs the command) without asking. */
export const CONFIDENT = 0.55;
/** Below CONFIDENT but at or above this, the engine asks which of the two top options was meant. */
export const CLARIFY = 0.2;

/** "English" anywhere means English; otherwise naming Vietnamese means Vietnamese; a bare "đổi ngôn ngữ" toggles to English. */
function languageCommand(text: string): RouterCommand {
  const n = ` ${normalizeForMatch(text)} `;
  if (/ (english|eng|tieng anh|anh ngu) /.test(n)) return 'lang_en';
  if (/ (tieng viet|vietnamese|viet ngu|tv) /.test(n)) return 'lang_vi';
  return 'lang_en';
}

export interface RouterOptions {
  /** whether the flow registry has this flow (FlowRegistry#get(id) !== undefined) */
  hasFlow: (id: string) => boolean;
  parser?: NluParser;
}

/**
 * Builds the free-text router the flow engine calls when a message is neither a command, an
 * offered option nor an answer to a step. Intents whose flow is not installed come back
 * without flowId (and are left out of the alternatives' flowId), so the engine falls back to
 * its menu instead of starting a flow that does not exist.
 */
export function createNluRouter(opts: RouterOptions): NluRouter {
  return (text: string): NluRoute => {
    const normalized = normalizeForMatch(text.slice(0, 2000));
    const flowFor = (intent: string): string | undefined => flowCandidates(intent, normalized).find((id) => opts.hasFlow(id));
    const parsed = (opts.parser ?? defaultParser()).parse(text);
    const { name, confidence } = parsed.intent;
    const route: NluRoute = {
      intent: name,
      confidence,
      alternatives: parsed.intent_ranking.slice(1, 4).map((r) => {
        const flowId = flowFor(r.name);
        return flowId ? { intent: r.name, confidence: r.confidence, flowId } : { intent: r.name, confidence: r.confidence };
      }),
    };
    const flowId = flowFor(name);
    if (flowId) route.flowId = flowId;
    const command = name === 'language' ? languageCommand(text) : COMMAND_INTENTS[name];
    if (command) route.command = command;
    return route;
  };
}

export type RouteDecision =
  | { action: 'start'; flowId: string }
  | { action: 'command'; command: RouterCommand }
  | { action: 'greet' }
  | { action: 'clarify'; options: Array<{ intent: string; flowId?: string; command?: RouterCommand }> }
  | { action: 'not_understood'; offerHuman: boolean };

/** Whether an intent is something the engine can act on (a flow exists, or it is a command). */
function actionable(r: { intent: string; flowId?: string }): boolean {
  return r.flowId !== undefined || r.intent in COMMAND_INTENTS || r.intent === 'language';
}

/**
 * What the engine should do with a route, given how many free-text misses in a row preceded
 * this message (state.misses). Kept here so the engine's change is a switch over the result:
 * - confident and actionable: start the flow / run the command;
 * - greeting: greet and show the menu;
 * - unsure: ask, offering the top guess and the most likely actionable runner-up (1–2 options);
 * - otherwise a miss; the second miss in a row offers the menu and a human.
 */
export function decideRoute(route: NluRoute, previousMisses: number): RouteDecision {
  const top = { intent: route.intent, ...(route.flowId ? { flowId: route.flowId } : {}), ...(route.command ? { command: route.command } : {}) };
  if (route.intent === 'greeting' && route.confidence >= CLARIFY) return { action: 'greet' };
  if (route.confidence >= CONFIDENT && route.intent !== 'out_of_scope') {
    if (route.command) return { action: 'command', command: route.command };
    if (route.flowId) return { action: 'start', flowId: route.flowId };
  }
  if (route.confidence >= CLARIFY && route.intent !== 'out_of_scope' && actionable(top)) {
    // a low-confidence guess is never acted on: the worker confirms it, or picks the runner-up
    const second = route.alternatives.find((a) => a.flowId !== undefined || a.intent in COMMAND_INTENTS);
    const options: Array<{ intent: string; flowId?: string; command?: RouterCommand }> = [top];
    if (second) {
      const command = COMMAND_INTENTS[second.intent];
      options.push({ intent: second.intent, ...(second.flowId ? { flowId: second.flowId } : {}), ...(command ? { command } : {}) });
    }
    return { action: 'clarify', options };
  }
  return { action: 'not_understood', offerHuman: previousMisses + 1 >= 2 };
}
