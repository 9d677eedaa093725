import type { AppConfig } from '../src/config.ts';
import type { ChannelAdapter, InboundSink } from '../src/channels/types.ts';
import type { Sql } from '../src/db/client.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import type { Logger } from '../src/logger.ts';
import type { Notifier } from '../src/queue/notifier.ts';
import type { Keyring } from '../src/security/crypto.ts';
import { loadWebchatConfig } from './webchat/config.ts';
import { createWebchatAdapter } from './webchat/index.ts';
import { loadTelegramConfig } from './telegram/config.ts';
import { createTelegramAdapter } from './telegram/index.ts';
import { messengerAdapters } from './messenger/index.ts';
import { createZaloAdapter, loadZaloConfig } from './zalo/index.ts';

/** Everything an adapter may need from the app; each adapter takes the part it uses. */
export interface AdapterDeps {
  config: AppConfig;
  prisma: PrismaClient;
  /** raw SQL on the same database (Database.sql) for hot paths; Prisma raw queries if absent */
  sql?: Sql;
  notifier: Notifier;
  sink: InboundSink;
  keyring: Keyring;
  log: Logger;
}

/** The channel registry: a new channel is one folder under adapters/ and one line here. */
export function createAdapters(deps: AdapterDeps): ChannelAdapter[] {
  const telegram = loadTelegramConfig(deps.config.env);
  const zalo = loadZaloConfig(deps.config.env);
  return [
    createWebchatAdapter({
      sql: deps.sql ?? sqlOverPrisma(deps.prisma),
      notifier: deps.notifier,
      sink: deps.sink,
      keyring: deps.keyring,
      log: deps.log.child({ channel: 'webchat' }),
      siteId: deps.config.WEBCHAT_SITE_ID,
      sealTranscript: true,
      tokenTtlSeconds: deps.config.WEBCHAT_TOKEN_TTL_SECONDS,
      resumeDays: loadWebchatConfig(deps.config.env).resumeDays,
      ...(deps.config.PUBLIC_URL ? { publicUrl: deps.config.PUBLIC_URL } : {}),
    }),
    ...(zalo
      ? [
          createZaloAdapter({
            config: zalo,
            sql: deps.sql ?? sqlOverPrisma(deps.prisma),
            sink: deps.sink,
            keyring: deps.keyring,
            log: deps.log.child({ channel: 'zalo' }),
          }),
        ]
      : []),
    ...messengerAdapters(deps),
    ...(telegram ? [createTelegramAdapter({ config: telegram, sink: deps.sink, log: deps.log.child({ channel: 'telegram' }) })] : []),
  ];
}

function sqlOverPrisma(prisma: PrismaClient): Sql {
  return { query: (text, params = []) => prisma.$queryRawUnsafe(text, ...params) };
}
