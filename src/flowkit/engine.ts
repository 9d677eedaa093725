import type { Choice, InboundEvent, OutboundMessage } from '../core/model.ts';
import { translator, type Locale } from '../i18n.ts';
import { matchOption, parseOrdinal } from '../lang/match.ts';
import { normalizeForMatch } from '../lang/normalize.ts';
import type { Services, Tx } from '../app/services.ts';
import { commandKey, detectCommand, isLiteralCommand, type Command } from './commands.ts';
import type { FlowRegistry } from './registry.ts';
import { createNluRouter, decideRoute, type NluRouter } from '../nlu/router.ts';
import { txSql } from '../cases/tx-sql.ts';
import type { Notifier } from '../queue/notifier.ts';
import type { JobQueue } from '../queue/types.ts';
import { handoffConfig, type HandoffConfig } from '../handoff/config.ts';
import { Effects } from '../handoff/effects.ts';
import { ht } from '../handoff/notices.ts';
import {
  handoffStatus,
  parseCsat,
  recordCsat,
  requestHandoff,
  workerTookBack,
  workerWrote,
  type WorkerSideDeps,
} from '../handoff/worker-side.ts';
import {
  emptyState,
  type ConversationInfo,
  type ConversationState,
  type FlowContext,
  type FlowDef,
  type Jump,
  type OptionDef,
  type Step,
  type TurnInput,
} from './types.ts';

export interface TurnEnv {
  state: unknown;
  locale: Locale;
  owner: 'bot' | 'human';
  event: InboundEvent;
  conversation: ConversationInfo;
  services: Services;
  tx: Tx;
  now: Date;
}

export interface TurnOutcome {
  state: ConversationState;
  locale: Locale;
  owner: 'bot' | 'human';
  messages: OutboundMessage[];
  /** handoff changes to announce once the turn has committed (FlowEngine.afterCommit) */
  effects?: Effects;
}

/** What the engine needs beyond flows: where handoff changes are announced, and their settings. */
export interface EngineOptions {
  notifier?: Pick<Notifier, 'publish'>;
  queue?: Pick<JobQueue, 'enqueue'>;
  handoff?: HandoffConfig;
}

const DEFAULT_MAX_ATTEMPTS = 3;
/** flows per main-menu page (with "more", an officer and the other language: ten entries) */
const MENU_PAGE = 6;
/** events that are recorded but never answered */
const SILENT_KINDS = new Set<InboundEvent['kind']>(['echo', 'delivery', 'read', 'unfollow']);

function readState(raw: unknown): ConversationState {
  if (raw && typeof raw === 'object' && (raw as { v?: unknown }).v === 1) return raw as ConversationState;
  return emptyState();
}

function toInput(event: InboundEvent): TurnInput {
  const text = (event.text ?? '').normalize('NFC').trim();
  return {
    kind: event.kind,
    text,
    normalized: normalizeForMatch(text),
    choiceKey: event.choiceKey,
    contactPhone: event.contact?.phone,
    event,
  };
}

/**
 * Runs one turn: the worker's message in, the new state and the replies out. Pure apart from
 * what flow effects write through `tx`; the pipeline commits all of it in one transaction.
 */
export class FlowEngine {
  private readonly nlu: NluRouter;
  private readonly handoffCfg: HandoffConfig;

  constructor(
    private readonly flows: FlowRegistry,
    nlu?: NluRouter,
    private readonly opts: EngineOptions = {},
  ) {
    this.nlu = nlu ?? createNluRouter({ hasFlow: (id) => flows.get(id) !== undefined });
    this.handoffCfg = opts.handoff ?? handoffConfig({});
  }

  async run(env: TurnEnv): Promise<TurnOutcome> {
    const turn = new Turn(this.flows, this.nlu, env, this.handoffCfg);
    await turn.handle();
    return { state: turn.state, locale: turn.locale, owner: turn.owner, messages: turn.messages, effects: turn.effects };
  }

  /** Call after the turn's transaction committed: live events for the console, delivery hints. */
  async afterCommit(outcome: TurnOutcome): Promise<void> {
    await outcome.effects?.flush(this.opts);
  }
}

class Turn {
  state: ConversationState;
  locale: Locale;
  owner: 'bot' | 'human';
  messages: OutboundMessage[] = [];
  readonly effects = new Effects();
  private readonly input: TurnInput;

  constructor(
    private readonly flows: FlowRegistry,
    private readonly nlu: NluRouter,
    private readonly env: TurnEnv,
    private readonly handoffCfg: HandoffConfig,
  ) {
    this.state = structuredClone(readState(env.state));
    this.locale = env.locale;
    this.owner = env.owner;
    this.input = toInput(env.event);
  }

  private t(key: string, params?: Record<string, unknown>): string {
    return translator(this.locale, 'common')(key, params ?? {}) as string;
  }

  private say(m: OutboundMessage | string) {
    this.messages.push(typeof m === 'string' ? { kind: 'text', text: m } : m);
  }

  async handle(): Promise<void> {
    const { input } = this;
    if (SILENT_KINDS.has(input.kind)) return;

    // A tap carries its own key: a button labelled "Đúng" is an answer even though its folded
    // label reads like the command "dừng". Only typed text and cmd: keys can be commands.
    let command =
      input.choiceKey && !input.choiceKey.startsWith('cmd:') ? null : detectCommand(input.normalized, input.choiceKey, input.text);
    // Folding makes "đúng" (yes) and "dừng" (stop) both "dung": typed without diacritics at a
    // summary, it must confirm, not throw the application away. A command matched only after
    // folding yields to an offered option that the text names exactly.
    if (command && !input.choiceKey && this.state.flow && !isLiteralCommand(input.text) && this.namesOfferedExactly()) {
      command = null;
    }
    if (this.owner === 'human') {
      if (await this.whileHuman(command)) return;
      // no open episode behind the owner flag (closed meanwhile): the bot answers after all
      this.owner = 'bot';
      delete this.state.handoff;
    }
    if (command) return this.runCommand(command);

    if (input.kind === 'start') {
      if (this.state.flow) return this.promptCurrent();
      this.say(this.t('greeting'));
      return this.showMenu();
    }

    // A tap on a menu entry that stays visible (Messenger's persistent menu, an old menu's
    // buttons) starts that flow even in the middle of another one: it is never an answer.
    if (this.state.flow && input.choiceKey?.startsWith('flow:') && this.flows.get(input.choiceKey.slice(5))) {
      delete this.state.flow;
      return this.startFlow(this.flows.get(input.choiceKey.slice(5))!);
    }
    if (this.state.flow) return this.answerStep();
    return this.routeFreeInput();
  }

  // ------------------------------------------------------------------ commands

  private async runCommand(command: Command): Promise<void> {
    switch (command) {
      case 'menu':
        delete this.state.flow;
        return this.showMenu();
      case 'cancel':
        if (this.state.flow) {
          delete this.state.flow;
          this.say(this.t('cancelled'));
        } else {
          this.say(this.t('nothing_to_cancel'));
        }
        return this.showMenu();
      case 'back':
        return this.goBack();
      case 'help': {
        const step = this.currentStep();
        const flow = this.currentFlow();
        if (step?.help && flow) this.say(translator(this.locale, flow.namespace)(step.help) as string);
        else this.say(this.t('help'));
        if (this.state.flow) return this.promptCurrent();
        return this.showMenu();
      }
      case 'human':
        return this.handoff('worker_asked');
      case 'lang_vi':
      case 'lang_en':
        this.switchLanguage(command);
        if (this.state.flow) return this.promptCurrent();
        return this.showMenu();
    }
  }

  private switchLanguage(command: 'lang_vi' | 'lang_en') {
    this.locale = command === 'lang_en' ? 'en' : 'vi';
    this.say(this.t('language_switched'));
  }

  // ------------------------------------------------------------------ handoff (src/handoff)

  private handoffDeps(): WorkerSideDeps {
    return { sql: txSql(this.env.tx), keyring: this.env.services.keyring, cfg: this.handoffCfg, fx: this.effects, now: this.env.now, locale: this.locale };
  }

  /**
   * Hands the conversation to a person: queued at the worker's union (urgent reasons first),
   * told their place and, outside opening hours, when officers are back. From any step.
   */
  private async handoff(reason: string) {
    const context: Record<string, unknown> = this.state.flow ? { flow: this.state.flow.id, step: this.state.flow.step } : {};
    delete this.state.flow;
    this.state.offered = [];
    this.state.misses = 0;
    this.state.handoff = { requestedAt: this.env.now.toISOString(), reason };
    this.owner = 'human';
    const { queued, messages } = await requestHandoff(this.handoffDeps(), this.env.conversation.id, reason, context);
    for (const m of messages) this.say(m);
    if (!queued) {
      // nobody to hand to: the bot keeps the chat rather than leaving the worker in silence
      delete this.state.handoff;
      this.owner = 'bot';
    }
  }

  /**
   * A person owns the chat: the bot stays silent except for global commands. "menu"/"hủy" take
   * it back, a language switch is answered, "gặp cán bộ" again says where they are in the queue.
   * Returns false when no episode is open after all.
   */
  private async whileHuman(command: Command | null): Promise<boolean> {
    const d = this.handoffDeps();
    const id = this.env.conversation.id;
    if (command === 'menu' || command === 'cancel') {
      await workerTookBack(d, id);
      this.owner = 'bot';
      delete this.state.handoff;
      this.say(String(ht(this.locale)('taken_back')));
      this.showMenu();
      return true;
    }
    if (command === 'human') {
      const status = await handoffStatus(d, id);
      if (!status) return false;
      this.say(status);
      return true;
    }
    if (command === 'lang_vi' || command === 'lang_en') {
      this.switchLanguage(command);
      return true;
    }
    return workerWrote(d, id);
  }

  /** A rating offered after an officer closed the chat: "5", "tốt", a tap on a face. */
  private async answerCsat(score: number): Promise<void> {
    this.state.offered = [];
    const t = ht(this.locale);
    if (await recordCsat(this.handoffDeps(), this.env.conversation.id, score)) this.say(String(t('csat.thanks')));
    return this.showMenu();
  }

  private async goBack(): Promise<void> {
    const f = this.state.flow;
    if (!f || f.history.length === 0) {
      if (f) delete this.state.flow;
      return this.showMenu();
    }
    const previous = f.history.pop()!;
    delete f.answers[previous];
    f.step = previous;
    f.attempts = 0;
    f.picking = false;
    delete f.returnTo;
    return this.promptCurrent();
  }

  // ------------------------------------------------------------------ menu and routing

  /**
   * The main menu, in pages: a phone screen (and web chat's ten suggested actions) holds about
   * ten entries, so past MENU_PAGE flows the rest sit behind "Xem thêm". An officer and the other
   * language are on every page.
   */
  private menuOptions(page: number): Array<Choice & { synonyms?: string[] }> {
    const all = this.flows.menuFlows();
    const pages = Math.max(1, Math.ceil(all.length / MENU_PAGE));
    const current = Math.min(page, pages - 1);
    const entries: Array<Choice & { synonyms?: string[] }> = all.slice(current * MENU_PAGE, (current + 1) * MENU_PAGE).map((flow) => ({
      key: `flow:${flow.id}`,
      label: translator(this.locale, flow.namespace)(flow.menu!.label) as string,
    }));
    if (pages > 1) entries.push({ key: `menu:${(current + 1) % pages}`, label: this.t(current + 1 < pages ? 'menu.more' : 'menu.first') });
    entries.push({ key: commandKey('human'), label: this.t('menu.human') });
    entries.push({ key: commandKey(this.locale === 'vi' ? 'lang_en' : 'lang_vi'), label: this.t('menu.other_language') });
    return entries;
  }

  private showMenu(page = 0) {
    const choices = this.menuOptions(page);
    this.state.offered = choices;
    this.say({ kind: 'choices', text: this.t('menu.prompt'), choices: choices.map(({ key, label }) => ({ key, label })) });
  }

  private namesOfferedExactly(): boolean {
    const offered = this.state.offered ?? [];
    const m = matchOption(
      this.input.text,
      offered.map((o) => ({ key: o.key, synonyms: [o.label, ...(o.synonyms ?? [])] })),
    );
    // a "Hủy" button is itself a command: typing "huy" must still cancel
    return m !== null && m.score === 1 && !m.key.startsWith('cmd:');
  }

  private resolveOffered(): string | null {
    const offered = this.state.offered ?? [];
    const { input } = this;
    if (input.choiceKey && (offered.some((o) => o.key === input.choiceKey) || input.choiceKey.startsWith('flow:'))) {
      return input.choiceKey;
    }
    if (!input.text || offered.length === 0) return null;
    const n = parseOrdinal(input.text, offered.length);
    if (n !== null) return offered[n - 1]!.key;
    const m = matchOption(
      input.text,
      offered.map((o) => ({ key: o.key, synonyms: [o.label, ...(o.synonyms ?? [])] })),
    );
    return m?.key ?? null;
  }

  private async routeFreeInput(): Promise<void> {
    // 0. The satisfaction question after an officer closed the chat ("5", "tot", a tap).
    if ((this.state.offered ?? []).some((o) => o.key.startsWith('csat:'))) {
      const typed = this.input.choiceKey?.startsWith('csat:') ? Number(this.input.choiceKey.slice(5)) : parseCsat(this.input.text);
      if (typed !== null && typed >= 1 && typed <= 5) return this.answerCsat(typed);
    }
    // 1. An offered option or button wins ("2", "dang ky" on the menu, a tap).
    const key = this.resolveOffered();
    if (key?.startsWith('menu:')) return this.showMenu(Number(key.slice(5)) || 0);
    if (key?.startsWith('cmd:')) {
      const command = detectCommand('', key);
      if (command) return this.runCommand(command);
    }
    if (key?.startsWith('flow:')) {
      const flow = this.flows.get(key.slice(5));
      if (flow) {
        this.state.misses = 0;
        return this.startFlow(flow);
      }
    }
    // 2. What the worker typed, understood by the intent classifier (src/nlu).
    const decision = decideRoute(this.nlu(this.input.text), this.state.misses);
    if (decision.action === 'start' && this.flows.get(decision.flowId)) {
      this.state.misses = 0;
      return this.startFlow(this.flows.get(decision.flowId)!);
    }
    if (decision.action === 'command') {
      this.state.misses = 0;
      return this.runCommand(decision.command);
    }
    if (decision.action === 'greet') {
      this.state.misses = 0;
      this.say(this.t('greeting'));
      return this.showMenu();
    }
    // 3. A flow's own trigger phrases, when the classifier is unsure.
    const triggered = this.flows.triggered(this.input.text);
    if (triggered) {
      this.state.misses = 0;
      return this.startFlow(triggered);
    }
    if (decision.action === 'clarify') {
      const choices: Array<Choice & { synonyms?: string[] }> = [];
      for (const o of decision.options) {
        const flow = o.flowId ? this.flows.get(o.flowId) : undefined;
        if (flow?.menu) choices.push({ key: `flow:${flow.id}`, label: translator(this.locale, flow.namespace)(flow.menu.label) as string });
        else if (o.command === 'human') choices.push({ key: commandKey('human'), label: this.t('menu.human') });
      }
      if (choices.length > 0) {
        choices.push({ key: commandKey('menu'), label: this.t('clarify.none') });
        this.state.offered = choices;
        this.say({ kind: 'choices', text: this.t('clarify.prompt'), choices: choices.map(({ key, label }) => ({ key, label })) });
        return;
      }
    }
    this.state.misses += 1;
    // A third miss in a row, after the menu offered a person: a person takes over.
    if (this.state.misses >= 3) return this.handoff('misunderstood');
    if (this.state.misses >= 2) {
      // Two misses in a row: the menu and, on it, a person.
      this.say(this.t('not_understood_twice'));
      return this.showMenu();
    }
    this.say(this.t('not_understood'));
    return this.showMenu();
  }

  // ------------------------------------------------------------------ flows

  private currentFlow(): FlowDef | undefined {
    return this.state.flow ? this.flows.get(this.state.flow.id) : undefined;
  }

  private currentStep(): Step | undefined {
    const flow = this.currentFlow();
    return flow?.steps.find((s) => s.id === this.state.flow!.step);
  }

  private context(flow: FlowDef): FlowContext {
    const f = this.state.flow!;
    return {
      answers: f.answers,
      locale: this.locale,
      t: translator(this.locale, flow.namespace),
      say: (m) => this.say(m),
      conversation: this.env.conversation,
      input: this.input,
      services: this.env.services,
      tx: this.env.tx,
      now: this.env.now,
    };
  }

  private async startFlow(flow: FlowDef): Promise<void> {
    this.state.flow = { id: flow.id, version: flow.version, step: flow.steps[0]!.id, answers: {}, attempts: 0, history: [] };
    return this.enter(flow, 0);
  }

  /** Runs effect steps from `index` on and stops at the first step that needs the worker. */
  private async enter(flow: FlowDef, index: number): Promise<void> {
    let i = index;
    for (let guard = 0; guard < 50; guard++) {
      const step = flow.steps[i];
      if (!step) {
        delete this.state.flow;
        return;
      }
      const f = this.state.flow!;
      f.step = step.id;
      f.attempts = 0;
      // Reaching the summary by a goto ends the detour; a stale returnTo would show it twice.
      if (f.returnTo === step.id) delete f.returnTo;
      if (step.kind !== 'effect') return this.prompt(flow, step);
      const jump = await step.run(this.context(flow));
      const next = await this.resolveJump(flow, step, jump);
      if (next === null) return;
      i = next;
    }
    throw new Error(`flow ${flow.id}: too many consecutive effect steps`);
  }

  /** Turns a Jump into the index of the next step, or null when the flow ended. */
  private async resolveJump(flow: FlowDef, from: Step, jump: Jump): Promise<number | null> {
    const f = this.state.flow;
    if (!f) return null; // the step ended the flow itself
    if (jump && 'end' in jump) {
      delete this.state.flow;
      this.state.offered = [];
      return null;
    }
    if (jump && 'handoff' in jump) {
      await this.handoff(jump.handoff);
      return null;
    }
    if (jump && 'restart' in jump) {
      f.answers = {};
      f.history = [];
      return 0;
    }
    if (from.kind !== 'effect') f.history.push(from.id);
    if (jump && 'goto' in jump) {
      const idx = flow.steps.findIndex((s) => s.id === jump.goto);
      if (idx < 0) throw new Error(`flow ${flow.id}: unknown step ${jump.goto}`);
      return idx;
    }
    if (f.returnTo) {
      const idx = flow.steps.findIndex((s) => s.id === f.returnTo);
      delete f.returnTo;
      if (idx >= 0) return idx;
    }
    return flow.steps.indexOf(from) + 1;
  }

  private async promptCurrent(): Promise<void> {
    const flow = this.currentFlow();
    const step = this.currentStep();
    if (!flow || !step) {
      // State from an older flow version whose step no longer exists: start again politely.
      delete this.state.flow;
      this.say(this.t('flow_updated'));
      return this.showMenu();
    }
    if (step.kind === 'effect') return this.enter(flow, flow.steps.indexOf(step));
    return this.prompt(flow, step);
  }

  private async prompt(flow: FlowDef, step: Step): Promise<void> {
    const ctx = this.context(flow);
    const f = this.state.flow!;
    switch (step.kind) {
      case 'ask': {
        this.state.offered = [];
        this.say(step.prompt(ctx));
        return;
      }
      case 'choose': {
        const options = await step.options(ctx);
        this.offer(step.prompt(ctx), options);
        return;
      }
      case 'confirm': {
        if (f.picking) {
          const fields = step.editable(ctx);
          this.offer(this.t('confirm.pick_field'), fields.map((x) => ({ key: `edit:${x.step}`, label: x.label })));
          return;
        }
        this.say(step.summary(ctx));
        this.offer(this.t('confirm.prompt'), [
          { key: 'confirm:yes', label: this.t('confirm.yes'), synonyms: this.phrases('confirm.yes_words') },
          { key: 'confirm:edit', label: this.t('confirm.edit'), synonyms: this.phrases('confirm.edit_words') },
          { key: commandKey('cancel'), label: this.t('confirm.cancel') },
        ]);
        return;
      }
      case 'effect':
        return;
    }
  }

  private phrases(key: string): string[] {
    const v = translator(this.locale, 'common')(key, { returnObjects: true }) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  }

  private offer(text: string, options: OptionDef[]) {
    this.state.offered = options.map((o) => ({ key: o.key, label: o.label, synonyms: o.synonyms }));
    this.say({ kind: 'choices', text, choices: options.map(({ key, label }) => ({ key, label })) });
  }

  private async answerStep(): Promise<void> {
    const flow = this.currentFlow();
    const step = this.currentStep();
    const f = this.state.flow!;
    if (!flow || !step || f.version !== flow.version) {
      delete this.state.flow;
      this.say(this.t('flow_updated'));
      return this.showMenu();
    }
    const ctx = this.context(flow);
    switch (step.kind) {
      case 'ask': {
        const result = await step.parse(this.input, ctx);
        if (!result.ok) return this.reject(flow, step, result.error, result.params);
        f.answers[step.id] = result.value;
        const jump = step.after ? await step.after(result.value, ctx) : undefined;
        return this.advance(flow, step, jump);
      }
      case 'choose': {
        const key = this.resolveOffered();
        if (!key) return this.reject(flow, step, 'not_an_option');
        f.answers[step.id] = key;
        const jump = step.after ? await step.after(key, ctx) : undefined;
        return this.advance(flow, step, jump);
      }
      case 'confirm':
        return this.answerConfirm(flow, step);
      case 'effect':
        return this.enter(flow, flow.steps.indexOf(step));
    }
  }

  private async answerConfirm(flow: FlowDef, step: Step & { kind: 'confirm' }): Promise<void> {
    const f = this.state.flow!;
    const key = this.resolveOffered();
    if (f.picking) {
      if (!key?.startsWith('edit:')) return this.reject(flow, step, 'not_an_option');
      const target = key.slice(5);
      f.picking = false;
      f.returnTo = step.id;
      f.step = target;
      f.attempts = 0;
      return this.promptCurrent();
    }
    if (key === 'confirm:edit') {
      f.picking = true;
      return this.promptCurrent();
    }
    if (key === 'confirm:yes') return this.advance(flow, step, undefined);
    // A field name typed straight away ("sửa số điện thoại") also works.
    const ctx = this.context(flow);
    const direct = matchOption(
      this.input.text,
      step.editable(ctx).map((x) => ({ key: x.step, synonyms: [x.label] })),
    );
    if (direct) {
      f.returnTo = step.id;
      f.step = direct.key;
      f.attempts = 0;
      return this.promptCurrent();
    }
    return this.reject(flow, step, 'not_an_option');
  }

  private async advance(flow: FlowDef, step: Step, jump: Jump): Promise<void> {
    const next = await this.resolveJump(flow, step, jump);
    if (next === null) return;
    return this.enter(flow, next);
  }

  private async reject(flow: FlowDef, step: Step, error: string, params?: Record<string, unknown>): Promise<void> {
    const f = this.state.flow!;
    f.attempts += 1;
    const ctx = this.context(flow);
    const max = ('maxAttempts' in step && step.maxAttempts) || DEFAULT_MAX_ATTEMPTS;
    let text: string;
    if (error === 'not_an_option') text = this.t('errors.not_an_option');
    else if (step.kind === 'ask' && step.errorText) text = step.errorText(error, ctx, params);
    else text = ctx.t(`${step.id}.errors.${error}`, { ...params, defaultValue: this.t('errors.invalid') }) as string;
    this.say(text);
    // Still failing after a person was offered: a person takes over (repeated misunderstanding).
    if (f.attempts >= 2 * max) return this.handoff('misunderstood');
    if (f.attempts % max === 0) {
      // Repeated failure: never trap the worker; offer a person and a way out.
      this.say(this.t('too_many_attempts'));
    }
    return this.prompt(flow, step);
  }
}
