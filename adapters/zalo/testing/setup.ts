import type { InboundSink, SendRequest } from '../../../src/channels/types.ts';
import type { InboundEvent, OutboundMessage } from '../../../src/core/model.ts';
import { openDatabase, type Database } from '../../../src/db/client.ts';
import { createLogger } from '../../../src/logger.ts';
import { createKeyring } from '../../../src/security/crypto.ts';
import { loadZaloConfig, type ZaloConfig } from '../config.ts';
import type { FakeZalo } from './fake-zalo.ts';
import { TEST_APP_ID, TEST_APP_SECRET, TEST_OA_ID, TEST_OA_SECRET, TEST_USER_ID } from './sign.ts';

export const silentLog = createLogger('silent');
export const testKeyring = createKeyring('zalo-adapter-tests-master-secret-0123456789');

export async function openTestDatabase(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  return db;
}

export interface RecordingSink extends InboundSink {
  events: InboundEvent[];
}

/** Stands in for the pipeline's accept step: records, and answers like it (duplicates by dedupeKey). */
export function recordingSink(): RecordingSink {
  const events: InboundEvent[] = [];
  const seen = new Set<string>();
  return {
    events,
    async accept(event) {
      events.push(event);
      const duplicate = seen.has(event.dedupeKey);
      seen.add(event.dedupeKey);
      return { status: duplicate ? 'duplicate' : 'accepted', conversationId: '00000000-0000-4000-8000-000000000000', inboxId: String(events.length) };
    },
  };
}

/** The test OA pointed at a fake Zalo, with the fake's current tokens as the environment's. */
export function testConfig(fake: FakeZalo, env: Record<string, string> = {}): ZaloConfig {
  return loadZaloConfig({
    ZALO_OA_ID: TEST_OA_ID,
    ZALO_APP_ID: TEST_APP_ID,
    ZALO_OA_SECRET_KEY: TEST_OA_SECRET,
    ZALO_APP_SECRET: TEST_APP_SECRET,
    ZALO_ACCESS_TOKEN: fake.tokens.access,
    ZALO_REFRESH_TOKEN: fake.tokens.refresh,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    ...env,
  })!;
}

let outboxSeq = 0;
/** A delivery-shaped request to the test user: answering message `replyTo` the worker sent `ago` ms before. */
export function sendRequest(message: OutboundMessage, opts: Partial<SendRequest> = {}): SendRequest {
  return {
    outboxId: String(++outboxSeq),
    conversationId: '00000000-0000-4000-8000-000000000000',
    externalId: TEST_USER_ID,
    accountId: TEST_OA_ID,
    locale: 'vi',
    message,
    attempt: 1,
    ...opts,
  };
}
