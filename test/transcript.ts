/**
 * Conversation tests that read like transcripts (Tock's bot-test): a worker says something, the
 * assistant answers. Everything runs through the real pipeline (inbox → turn → outbox →
 * delivery) on an in-memory embedded database, with a pinned clock.
 *
 *   const chat = await openTranscript();
 *   const bot = await chat.worker('w1').says('dang ky cong doan');
 *   expect(bot.text).toMatch(/đồng ý/);
 *   await chat.worker('w1').taps('Đồng ý');
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../src/app/app.ts';
import { createApp } from '../src/app/app.ts';
import { loadConfig } from '../src/config.ts';
import type { ChannelId, Choice, InboundEvent, OutboundMessage } from '../src/core/model.ts';
import { numbered } from '../src/channels/render.ts';
import { openMessage, type StoredMessage } from '../src/pipeline/seal.ts';

export interface BotReply {
  messages: OutboundMessage[];
  /** all replies as one text, choices shown as a numbered list (how Zalo would show them) */
  text: string;
  /** the choices offered by the last message that had any */
  choices: Choice[];
}

export interface TranscriptOptions {
  now?: Date;
  env?: Record<string, string>;
}

export interface Transcript {
  app: App;
  worker(id: string, channel?: ChannelId): Worker;
  /** sets the pinned clock */
  setNow(d: Date): void;
  close(): Promise<void>;
}

export interface Worker {
  says(text: string): Promise<BotReply>;
  /** taps the offered choice whose label matches (exact, or containing the given text) */
  taps(label: string | RegExp): Promise<BotReply>;
  /** taps a button carrying this key, offered now or earlier (a persistent menu) */
  tapsKey(key: string, label: string): Promise<BotReply>;
  /** shares a phone number through the platform's contact button */
  sharesContact(phone: string): Promise<BotReply>;
  opens(): Promise<BotReply>;
  readonly last: BotReply | undefined;
  readonly conversationId: string | undefined;
}

export async function openTranscript(opts: TranscriptOptions = {}): Promise<Transcript> {
  let now = opts.now ?? new Date('2026-11-22T09:00:00+07:00');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    APP_SECRET: 'transcript-test-secret-0123456789abcdef',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    // flows' tests load the content they need themselves
    SEED_CONTENT: 'false',
    ...opts.env,
  });
  const app = await createApp(config, { http: false, clock: () => now });

  const worker = (id: string, channel: ChannelId = 'webchat'): Worker => {
    let last: BotReply | undefined;
    let conversationId: string | undefined;
    const send = async (partial: Partial<InboundEvent> & Pick<InboundEvent, 'kind'>): Promise<BotReply> => {
      const event: InboundEvent = {
        channel,
        accountId: 'test',
        platformUserId: id,
        conversationExternalId: id,
        dedupeKey: `${channel}:test:${randomUUID()}`,
        occurredAt: now.getTime(),
        ...partial,
      };
      const accepted = await app.sink.accept(event);
      conversationId = accepted.conversationId;
      await app.drain(accepted.conversationId);
      const rows = await app.db.prisma.outboxMessage.findMany({
        where: { inboxId: BigInt(accepted.inboxId) },
        orderBy: { id: 'asc' },
      });
      const messages = rows.map((r) => openMessage(app.services.keyring, r.message as unknown as StoredMessage));
      last = toReply(messages);
      return last;
    };
    return {
      says: (text) => send({ kind: 'text', text }),
      taps: (label) => {
        const choice = last?.choices.find((c) =>
          typeof label === 'string' ? c.label === label || c.label.includes(label) : label.test(c.label),
        );
        if (!choice) throw new Error(`no offered choice matches ${String(label)}; offered: ${last?.choices.map((c) => c.label).join(' | ')}`);
        return send({ kind: 'choice', choiceKey: choice.key, text: choice.label });
      },
      tapsKey: (key, label) => send({ kind: 'choice', choiceKey: key, text: label }),
      sharesContact: (phone) => send({ kind: 'contact', contact: { phone } }),
      opens: () => send({ kind: 'start' }),
      get last() {
        return last;
      },
      get conversationId() {
        return conversationId;
      },
    };
  };

  return {
    app,
    worker,
    setNow(d) {
      now = d;
    },
    close: () => app.close(),
  };
}

function toReply(messages: OutboundMessage[]): BotReply {
  let choices: Choice[] = [];
  const parts = messages.map((m) => {
    switch (m.kind) {
      case 'text':
        return m.text;
      case 'choices':
        choices = m.choices;
        return numbered(m.text, m.choices);
      case 'request_contact':
        return m.text;
      case 'cards':
        return [m.text, ...m.cards.map((c) => c.title)].filter(Boolean).join('\n');
      case 'media':
        return m.caption ?? m.url;
    }
  });
  return { messages, text: parts.join('\n'), choices };
}
