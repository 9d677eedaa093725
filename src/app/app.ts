import Fastify, { type FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { createKeyring } from '../security/crypto.ts';
import { createLogger, type Logger } from '../logger.ts';
import { MemoryQueue } from '../queue/memory.ts';
import { BullQueue } from '../queue/bullmq.ts';
import { MemoryNotifier, RedisNotifier, type Notifier } from '../queue/notifier.ts';
import type { JobQueue } from '../queue/types.ts';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from '../queue/ratelimit.ts';
import { FlowEngine } from '../flowkit/engine.ts';
import { FlowRegistry } from '../flowkit/registry.ts';
import { acceptInbound } from '../pipeline/accept.ts';
import { processTurns } from '../pipeline/turn.ts';
import { deliverConversation } from '../pipeline/delivery.ts';
import { sweep } from '../pipeline/recovery.ts';
import { FETCH_JOB, fetchAttachment, hintPendingFetches } from '../cases/fetch.ts';
import { ChannelCapabilities, type ChannelAdapter, type InboundSink } from '../channels/types.ts';
import type { Services } from './services.ts';
import { defaultParser } from '../nlu/parser.ts';
import { createAdapters, type AdapterDeps } from '../../adapters/index.ts';
import { flows } from '../../flows/index.ts';
import { ensureDemoContent } from './content.ts';
import { ensureDemoOfficers } from '../officers/seed.ts';
import { startBroadcastRunner } from '../broadcasts/runner.ts';
import { broadcastDeps } from '../broadcasts/deps.ts';
import { loadPrivacyConfig, setPrivacyConfig } from '../privacy/config.ts';
import { startRetentionTimer } from '../privacy/retention.ts';
import { registerHttp } from '../http/routes.ts';
import { handoffConfig } from '../handoff/config.ts';
import { runHandoffSweep } from '../handoff/sweep.ts';

export interface App {
  config: AppConfig;
  db: Database;
  queue: JobQueue;
  notifier: Notifier;
  services: Services;
  adapters: Map<string, ChannelAdapter>;
  http: FastifyInstance;
  sink: InboundSink;
  log: Logger;
  /** runs one conversation's pending turns and deliveries now, in this process (tests, CLI) */
  drain(conversationId: string): Promise<void>;
  /** hints the queues for all undone work; returns what it found */
  recover(minAgeMs?: number): Promise<{ turns: number; deliveries: number }>;
  startWorkers(): void;
  close(): Promise<void>;
}

export interface AppOptions {
  /** serve HTTP (API process); a worker-only process does not */
  http?: boolean;
  /** pin the clock in tests */
  clock?: () => Date;
  /** replaces the configured channel adapters (tests wire adapters to fake platforms) */
  adapters?: (deps: AdapterDeps) => Promise<ChannelAdapter[]>;
  /** replaces the rate limiter (tests of flows do not wait for Telegram's 1 message/s) */
  limiter?: RateLimiter;
}

/** Wires the one code path used by `npm start`, `npm run worker`, the tests and the benchmarks. */
export async function createApp(config: AppConfig, opts: AppOptions = {}): Promise<App> {
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    poolMax: config.DATABASE_POOL_MAX,
    dataDir: config.dataDir,
  });
  const applied = await db.migrate();
  if (applied.length) log.info({ applied }, 'database migrations applied');

  const queue: JobQueue = config.REDIS_URL ? new BullQueue(config.REDIS_URL, config.REDIS_PREFIX) : new MemoryQueue();
  const notifier: Notifier = config.REDIS_URL
    ? new RedisNotifier(config.REDIS_URL, config.REDIS_PREFIX)
    : new MemoryNotifier();
  const limiter: RateLimiter =
    opts.limiter ??
    (config.REDIS_URL ? new RedisRateLimiter(config.REDIS_URL, config.REDIS_PREFIX) : new MemoryRateLimiter());
  const services: Services = { keyring: createKeyring(config.appSecret), clock: opts.clock ?? (() => new Date()) };
  // retention periods and export rules (src/privacy/config.ts): a bad value stops start-up naming the variable
  const privacy = loadPrivacyConfig(config.env);
  setPrivacyConfig(privacy);
  // handoff settings validated at start; the engine announces handoff changes after each commit
  const engine = new FlowEngine(new FlowRegistry(flows), undefined, { notifier, queue, handoff: handoffConfig(config.env) });
  // Train the intent classifier now (≈0.2 s of CPU) rather than on the first worker's message.
  defaultParser();
  const sink: InboundSink = { accept: (event) => acceptInbound(db.sql, queue, services.keyring, event) };

  const adapters = new Map<string, ChannelAdapter>();
  const adapterDeps: AdapterDeps = { config, prisma: db.prisma, sql: db.sql, notifier, sink, keyring: services.keyring, log };
  for (const adapter of opts.adapters ? await opts.adapters(adapterDeps) : createAdapters(adapterDeps)) {
    // Declared limits are data: a typo in an adapter's capabilities fails at start, not in a chat.
    ChannelCapabilities.parse(adapter.capabilities);
    adapters.set(adapter.channel, adapter);
  }

  await ensureDemoContent(db.prisma, services.clock(), log, { orgTree: config.SEED_DEMO, content: config.SEED_DEMO && config.SEED_CONTENT });
  // demo officer accounts (passwords in <dataDir>/demo-officers.txt); in-memory test databases skip the argon2 work
  if (config.SEED_DEMO && config.dataDir !== 'memory://') await ensureDemoOfficers(db.prisma, { dataDir: config.dataDir, log });

  const http = Fastify({ logger: false, bodyLimit: 256 * 1024, trustProxy: config.TRUST_PROXY });
  if (opts.http !== false) await registerHttp(http, { config, db, adapters, log, queue, notifier, keyring: services.keyring, clock: services.clock });

  let sweepTimer: NodeJS.Timeout | undefined;
  let stopBroadcasts: (() => Promise<void>) | undefined;
  let stopRetention: (() => void) | undefined;
  let handoffTimer: NodeJS.Timeout | undefined;
  const deps = { prisma: db.prisma, sql: db.sql, engine, services, keyring: services.keyring, log, queue, adapters, limiter };
  const fetchQueue = queue;
  const fetchDeps = { sql: db.sql, prisma: db.prisma, keyring: services.keyring, adapters, queue: fetchQueue, log };

  const app: App = {
    config,
    db,
    queue,
    notifier,
    services,
    adapters,
    http,
    sink,
    log,
    async drain(conversationId) {
      await processTurns(deps, conversationId);
      await deliverConversation(deps, conversationId);
    },
    recover: (minAgeMs = 0) => sweep(db.sql, queue, minAgeMs),
    startWorkers() {
      queue.work(
        'turn',
        async (conversationId) => {
          const written = await processTurns(deps, conversationId);
          if (written === 0) return;
          await hintPendingFetches(db.sql, fetchQueue);
          // Deliver right here: one queue hop less per message. Delivery claims rows itself, so
          // this is safe beside any other worker; if it fails, the deliver queue takes over.
          try {
            await deliverConversation(deps, conversationId);
          } catch (err) {
            log.warn({ err, conversationId }, 'inline delivery failed; queued');
            await queue.enqueue('deliver', conversationId);
          }
        },
        config.WORKER_CONCURRENCY,
      );
      queue.work('deliver', (conversationId) => deliverConversation(deps, conversationId), config.DELIVERY_CONCURRENCY);
      fetchQueue.work(FETCH_JOB, async (attachmentId) => void (await fetchAttachment(fetchDeps, attachmentId)), 4);
      void app.recover(0).catch((err) => log.error({ err }, 'start-up sweep failed'));
      sweepTimer = setInterval(() => {
        void app.recover(config.RECOVERY_INTERVAL_MS).catch((err) => log.error({ err }, 'sweep failed'));
      }, config.RECOVERY_INTERVAL_MS);
      sweepTimer.unref();
      // handoff: SLA escalation up the org tree, idle resume, free officer capacity (src/handoff/sweep.ts)
      const handoffCfg = handoffConfig(config.env);
      handoffTimer = setInterval(() => {
        void runHandoffSweep({ prisma: db.prisma, keyring: services.keyring, cfg: handoffCfg, notifier, queue, now: services.clock() }).catch((err) =>
          log.error({ err }, 'handoff sweep failed'),
        );
      }, handoffCfg.sweepIntervalMs);
      handoffTimer.unref();
      // broadcasts: paced planning and sending through the outbox (src/broadcasts/runner.ts)
      // retention of personal data per class (src/privacy/retention.ts)
      stopRetention = startRetentionTimer({ sql: db.sql, keyring: services.keyring, config: privacy, log }, services.clock);
      stopBroadcasts = startBroadcastRunner(broadcastDeps({ sql: db.sql, queue, keyring: services.keyring, notifier, adapters, clock: services.clock, log, config }), { contestReminderHours: config.CONTEST_REMINDER_HOURS });
    },
    async close() {
      stopRetention?.();
      if (sweepTimer) clearInterval(sweepTimer);
      if (handoffTimer) clearInterval(handoffTimer);
      await stopBroadcasts?.();
      await http.close();
      await queue.close();
      for (const a of adapters.values()) await a.close?.();
      await notifier.close();
      await limiter.close();
      await db.close();
    },
  };
  return app;
}
