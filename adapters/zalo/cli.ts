import type { AdapterCommand } from '../../src/channels/types.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { ZaloClient } from './client.ts';
import { loadZaloConfig, type ZaloConfig } from './config.ts';
import { createTokenStore } from './index.ts';
import { HANDLED_EVENTS } from './inbound.ts';
import { WEBHOOK_PATH } from './routes.ts';
import type { ZaloTokenStore } from './tokens.ts';

function requireZalo(env: Record<string, string>): ZaloConfig {
  const config = loadZaloConfig(env);
  if (!config) throw new ConfigError('Zalo is not configured: set ZALO_OA_ID, ZALO_APP_ID, ZALO_OA_SECRET_KEY and ZALO_APP_SECRET');
  return config;
}

/** Opens the same database as the server (stop `npm start` first when it is the embedded one). */
async function withTokens<T>(env: Record<string, string>, fn: (tokens: ZaloTokenStore, zalo: ZaloConfig) => Promise<T>): Promise<T> {
  const zalo = requireZalo(env);
  const app = loadConfig(env);
  const db = await openDatabase({ url: app.DATABASE_URL, schema: app.DATABASE_SCHEMA, poolMax: 2, dataDir: app.dataDir });
  try {
    await db.migrate();
    const client = new ZaloClient({ apiBase: zalo.apiBase, oauthBase: zalo.oauthBase, appId: zalo.appId, appSecret: zalo.appSecret });
    const tokens = createTokenStore({ config: zalo, sql: db.sql, keyring: createKeyring(app.appSecret), log: createLogger('warn', 'zalo-cli') }, client, Date.now);
    return await fn(tokens, zalo);
  } finally {
    await db.close();
  }
}

const when = (ms: number | null) => (ms === null ? 'unknown (until Zalo refuses it)' : new Date(ms).toISOString());

export const commands: AdapterCommand[] = [
  {
    name: 'zalo:set-tokens',
    description: 'store the OA access and refresh tokens (from the OAuth v4 flow or the API Explorer), sealed in the database',
    options: [
      { flags: '--access <token>', description: 'access token' },
      { flags: '--refresh <token>', description: 'refresh token (single use: the one issued with this access token)' },
      { flags: '--expires-in <seconds>', description: 'expires_in of the token response (Zalo: 90000)' },
    ],
    async run(env, opts) {
      const access = typeof opts.access === 'string' ? opts.access.trim() : '';
      const refresh = typeof opts.refresh === 'string' ? opts.refresh.trim() : '';
      if (!access || !refresh) throw new ConfigError('--access and --refresh are both required');
      const expiresIn = opts.expiresIn === undefined ? undefined : Number(opts.expiresIn);
      if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn > 0)) throw new ConfigError('--expires-in must be a number of seconds');
      await withTokens(env, async (tokens, zalo) => {
        // Recorded as applied over the environment's pair, so a restart does not put that older pair back.
        const version = await tokens.set(access, refresh, expiresIn, zalo.initialTokens);
        const status = await tokens.status();
        console.log(`Zalo tokens for OA ${zalo.oaId} stored (version ${version}); access token expires: ${when(status?.expiresAt ?? null)}`);
      });
    },
  },
  {
    name: 'zalo:refresh-token',
    description: 'refresh the OA access token now (one process at a time; the refresh token rotates)',
    async run(env) {
      await withTokens(env, async (tokens, zalo) => {
        const status = await tokens.status();
        if (!status) throw new ConfigError('No Zalo tokens stored yet: run zalo:set-tokens first');
        const result = await tokens.refresh(status.version);
        if (!result.ok) throw new Error(result.reason);
        console.log(`Zalo access token for OA ${zalo.oaId} refreshed (version ${result.token.version}); expires: ${when(result.token.expiresAt)}`);
      });
    },
  },
  {
    name: 'zalo:webhook-info',
    description: 'print the webhook URL and the events to tick in the Zalo developer console (Zalo has no API to set them)',
    async run(env) {
      const zalo = requireZalo(env);
      const base = env.PUBLIC_URL?.replace(/\/+$/, '');
      const url = base ? `${base}${WEBHOOK_PATH}` : `https://<your public domain>${WEBHOOK_PATH}`;
      console.log(
        [
          `Zalo developer console (developers.zalo.me) → app ${zalo.appId} → Webhook:`,
          `  Webhook URL: ${url}`,
          ...(base ? [] : ['  (set PUBLIC_URL to print the real URL; Zalo wants HTTPS on a verified domain)']),
          '  Events to turn on:',
          ...HANDLED_EVENTS.map((e) => `    - ${e}`),
          `  The OA Secret Key shown there goes into ZALO_OA_SECRET_KEY (it signs X-ZEvent-Signature; it is not the app secret).`,
        ].join('\n'),
      );
    },
  },
];
