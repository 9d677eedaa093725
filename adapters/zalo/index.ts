import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter, InboundSink } from '../../src/channels/types.ts';
import type { Sql } from '../../src/db/client.ts';
import type { Logger } from '../../src/logger.ts';
import type { Keyring } from '../../src/security/crypto.ts';
import { zaloCapabilities } from './capabilities.ts';
import { ZaloClient } from './client.ts';
import type { ZaloConfig } from './config.ts';
import { PartialSends } from './progress.ts';
import { registerWebhook } from './routes.ts';
import { createSender } from './send.ts';
import { fetchZaloMedia } from './media.ts';
import { ZaloTokenStore } from './tokens.ts';

export { loadZaloConfig, type ZaloConfig } from './config.ts';

export interface ZaloDeps {
  config: ZaloConfig;
  sql: Sql;
  sink: InboundSink;
  keyring: Keyring;
  log: Logger;
  /** webhook timestamps, windows and token expiry; pinned in tests */
  now?: () => number;
  /** token refresh coordination, shortened in tests */
  tokenLeaseMs?: number;
  tokenPollMs?: number;
}

/**
 * Zalo Official Account over the OA Open API v3: signed webhook in, consultation messages out
 * (platforms.md §1). One OA per deployment (ZALO_OA_ID); accountId of every event is the OA id.
 */
export function createZaloAdapter(deps: ZaloDeps): ChannelAdapter & { tokens: ZaloTokenStore } {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const capabilities = zaloCapabilities(config);
  const client = new ZaloClient({ apiBase: config.apiBase, oauthBase: config.oauthBase, appId: config.appId, appSecret: config.appSecret });
  const tokens = createTokenStore(deps, client, now);

  return {
    channel: 'zalo',
    capabilities,
    tokens,
    fetchMedia: fetchZaloMedia,
    send: createSender({ client, tokens, partial: new PartialSends(deps.sql, config.oaId), config, capabilities, now, log: deps.log }),
    async routes(app: FastifyInstance) {
      await registerWebhook(app, {
        oaId: config.oaId,
        appId: config.appId,
        oaSecretKey: config.oaSecretKey,
        maxAgeMs: config.webhookMaxAgeMs,
        sink: deps.sink,
        log: deps.log,
        now,
      });
    },
  };
}

export function createTokenStore(
  deps: Pick<ZaloDeps, 'config' | 'sql' | 'keyring' | 'log' | 'tokenLeaseMs' | 'tokenPollMs'>,
  client: ZaloClient,
  now: () => number,
): ZaloTokenStore {
  const { config } = deps;
  return new ZaloTokenStore({
    sql: deps.sql,
    keyring: deps.keyring,
    oaId: config.oaId,
    refresher: (refreshToken) => client.refreshToken(refreshToken),
    now,
    log: deps.log,
    marginMs: config.tokenRefreshMarginMs,
    rateBackoffMs: config.rate.backoffMs,
    ...(config.initialTokens ? { initial: config.initialTokens } : {}),
    ...(deps.tokenLeaseMs !== undefined ? { leaseMs: deps.tokenLeaseMs } : {}),
    ...(deps.tokenPollMs !== undefined ? { pollMs: deps.tokenPollMs } : {}),
  });
}
