import type { AdapterCommand } from '../../src/channels/types.ts';
import { ConfigError } from '../../src/config.ts';
import { GraphClient, type GraphResponse } from './client.ts';
import { loadMessengerConfig, type MessengerConfig } from './config.ts';
import { loadProfileTexts, profileBody, SUBSCRIBED_FIELDS } from './profile.ts';

/** Operator commands, wired into `npm run cli` (`npm run cli -- messenger:setup-profile`). */
export const commands: AdapterCommand[] = [
  {
    name: 'messenger:setup-profile',
    description: 'set the Page\'s Get Started button, greeting, persistent menu and ice breakers (vi, en) from locales/*/messenger.json',
    options: [{ flags: '--dry-run', description: 'print the request body without calling Meta' }],
    async run(env, opts) {
      const body = profileBody(loadProfileTexts());
      if (opts.dryRun) {
        console.log(JSON.stringify(body, null, 2));
        return;
      }
      const config = required(env);
      await call(config, 'me/messenger_profile', body, 'messenger profile update');
      console.log(`Messenger profile set on Page ${config.MESSENGER_PAGE_ID}: Get Started, greeting, persistent menu and ice breakers (${body.persistent_menu.map((m) => m.locale).join(', ')}).`);
    },
  },
  {
    name: 'messenger:subscribe',
    description: 'subscribe this app to the Page\'s webhook events (messages, postbacks, referrals, echoes, deliveries, reads)',
    async run(env) {
      const config = required(env);
      await call(config, `${config.MESSENGER_PAGE_ID}/subscribed_apps`, { subscribed_fields: SUBSCRIBED_FIELDS.join(',') }, 'page subscription');
      console.log(`Page ${config.MESSENGER_PAGE_ID} subscribed to: ${SUBSCRIBED_FIELDS.join(', ')}.`);
    },
  },
];

function required(env: Record<string, string>): MessengerConfig {
  const config = loadMessengerConfig(env);
  if (!config) {
    throw new ConfigError('Messenger is not configured: set MESSENGER_PAGE_ID, MESSENGER_PAGE_ACCESS_TOKEN, MESSENGER_APP_SECRET and MESSENGER_VERIFY_TOKEN');
  }
  return config;
}

async function call(config: MessengerConfig, path: string, body: unknown, what: string): Promise<Record<string, unknown>> {
  const client = new GraphClient({
    base: config.MESSENGER_GRAPH_BASE,
    version: config.MESSENGER_GRAPH_VERSION,
    accessToken: config.MESSENGER_PAGE_ACCESS_TOKEN,
    timeoutMs: config.MESSENGER_HTTP_TIMEOUT_MS,
  });
  try {
    const res = await client.post(path, body);
    if (!res.ok) throw new Error(`${what} failed: ${describe(res)}`);
    return res.body;
  } finally {
    await client.close();
  }
}

function describe(res: Extract<GraphResponse, { ok: false }>): string {
  if ('network' in res) return `Meta unreachable (${res.network})`;
  const { code, error_subcode: sub, message } = res.error;
  const hint = code === 190 ? ' Generate a new Page access token and set MESSENGER_PAGE_ACCESS_TOKEN.' : code === 200 || code === 10 ? ' The token lacks a permission (pages_messaging, pages_manage_metadata).' : '';
  return `Graph error ${code ?? res.status}${sub ? `/${sub}` : ''}: ${message}.${hint}`;
}
