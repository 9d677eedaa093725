import type { TFunction } from 'i18next';
import type { Choice, InboundEvent, OutboundMessage } from '../core/model.ts';
import type { Locale } from '../i18n.ts';
import type { Services, Tx } from '../app/services.ts';

/** What a step sees of the worker's message, already normalized by the engine. */
export interface TurnInput {
  kind: InboundEvent['kind'];
  /** the text as typed (NFC, trimmed); empty for taps without text */
  text: string;
  /** normalizeForMatch(text): folded, teencode expanded */
  normalized: string;
  choiceKey?: string;
  contactPhone?: string;
  event: InboundEvent;
}

export interface ConversationInfo {
  id: string;
  channel: InboundEvent['channel'];
  accountId: string;
  identityId: string;
  memberId: string | null;
}

export interface FlowContext<A = Record<string, any>> {
  /** answers collected so far in this flow run; steps read and write them */
  answers: A;
  locale: Locale;
  /** bound to the flow's namespace; use 'common:key' for shared texts */
  t: TFunction;
  say(message: OutboundMessage | string): void;
  conversation: ConversationInfo;
  input: TurnInput | null;
  services: Services;
  /** the turn's transaction: domain rows written here commit with the state and the replies */
  tx: Tx;
  now: Date;
}

/** Where to go after a step: the next one by default. */
export type Jump = { goto: string } | { end: true } | { restart: true } | { handoff: string } | undefined | void;

export type ParseResult<V> = { ok: true; value: V } | { ok: false; error: string; params?: Record<string, unknown> };

export interface OptionDef {
  key: string;
  label: string;
  /** extra words that select this option (any language), matched on the normalized form */
  synonyms?: string[];
}

interface StepBase {
  id: string;
  /** i18n key shown on "help"/"trợ giúp" in this step */
  help?: string;
}

export interface AskStep<V = unknown> extends StepBase {
  kind: 'ask';
  prompt(ctx: FlowContext): OutboundMessage | string;
  parse(input: TurnInput, ctx: FlowContext): ParseResult<V> | Promise<ParseResult<V>>;
  /** text for a failed parse; default `<stepId>.errors.<error>` in the flow namespace */
  errorText?(error: string, ctx: FlowContext, params?: Record<string, unknown>): string;
  /** called with the parsed value before moving on; may branch */
  after?(value: V, ctx: FlowContext): Jump | Promise<Jump>;
  maxAttempts?: number;
}

export interface ChooseStep extends StepBase {
  kind: 'choose';
  prompt(ctx: FlowContext): string;
  options(ctx: FlowContext): OptionDef[] | Promise<OptionDef[]>;
  after?(key: string, ctx: FlowContext): Jump | Promise<Jump>;
  maxAttempts?: number;
}

export interface ConfirmStep extends StepBase {
  kind: 'confirm';
  summary(ctx: FlowContext): string;
  /** the steps a worker may change from the summary, with their labels */
  editable(ctx: FlowContext): Array<{ step: string; label: string }>;
}

export interface EffectStep extends StepBase {
  kind: 'effect';
  run(ctx: FlowContext): Jump | Promise<Jump>;
}

export type Step = AskStep<any> | ChooseStep | ConfirmStep | EffectStep;

export interface FlowDef {
  id: string;
  /** bump when steps change incompatibly; stored state of an older version restarts politely */
  version: number;
  /** i18n namespace of the flow's texts (locales/<lang>/<namespace>.json) */
  namespace: string;
  /** main-menu entry: label key in the flow namespace and position */
  menu?: { label: string; order: number };
  /** i18n key (array of phrases) that starts this flow from free text, e.g. "dang ky" */
  triggers?: string;
  steps: Step[];
}

/** The conversation's state column: plain, versioned JSON. */
export interface ConversationState {
  v: 1;
  flow?: {
    id: string;
    version: number;
    step: string;
    answers: Record<string, any>;
    attempts: number;
    history: string[];
    /** set while changing one answer from the summary: go back there afterwards */
    returnTo?: string;
    /** confirm step sub-mode: the worker is picking which answer to change */
    picking?: boolean;
  };
  /** what the last prompt offered, so "2" or a label can be resolved on any channel */
  offered?: Array<Choice & { synonyms?: string[] }>;
  /** consecutive messages the assistant did not understand outside a flow */
  misses: number;
  handoff?: { requestedAt: string; reason: string };
}

export const emptyState = (): ConversationState => ({ v: 1, misses: 0 });
