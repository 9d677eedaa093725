import type { BotCommand } from 'telegraf/types';
import type { AdapterCommand } from '../../src/channels/types.ts';
import { ConfigError } from '../../src/config.ts';
import { translator, type Locale } from '../../src/i18n.ts';
import { createBotApiClient, type BotApiClient } from './client.ts';
import { loadTelegramConfig, type TelegramConfig } from './config.ts';
import { WEBHOOK_PATH } from './routes.ts';

/** The command menu (the "/" button). Every one is also a global command of the flow engine. */
export const MENU_COMMANDS = ['start', 'menu', 'help', 'cancel', 'human'] as const;

/** Only these reach the webhook; anything else Telegram would send is ignored by inbound.ts anyway. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Ports Telegram delivers webhooks to (core.telegram.org/bots/api#setwebhook). */
const WEBHOOK_PORTS = new Set(['', '443', '80', '88', '8443']);

function configured(env: Record<string, string>): { config: TelegramConfig; api: BotApiClient } {
  const config = loadTelegramConfig(env);
  if (!config) throw new ConfigError('Invalid configuration:\n  TELEGRAM_BOT_TOKEN: not set (the token BotFather gave)');
  const api = createBotApiClient({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, timeoutMs: config.TELEGRAM_TIMEOUT_MS });
  return { config, api };
}

export function webhookUrl(publicUrl: string | undefined): string {
  let url: URL;
  try {
    url = new URL(publicUrl ?? '');
  } catch {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: required, the https:// address Telegram can reach this server at');
  }
  if (url.protocol !== 'https:' || !WEBHOOK_PORTS.has(url.port)) {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: Telegram only calls https:// webhooks on port 443, 80, 88 or 8443');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

export function menuCommands(locale: Locale): BotCommand[] {
  const t = translator(locale, 'telegram');
  return MENU_COMMANDS.map((command) => {
    const description = String(t(`commands.${command}`));
    // i18next returns the key itself for a missing text; Telegram would show it as is.
    if (description === `commands.${command}` || description.length < 1 || description.length > 256) {
      throw new Error(`locales/${locale}/telegram.json: commands.${command} is missing or longer than 256 characters`);
    }
    return { command, description };
  });
}

async function run<T>(api: BotApiClient, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new Error(`${what} failed: ${api.classify(err).reason}`);
  }
}

const setWebhook: AdapterCommand = {
  name: 'telegram:set-webhook',
  description: 'point the Telegram bot at ${PUBLIC_URL}/webhooks/telegram (with the secret token) and set its command menu in Vietnamese and English',
  options: [{ flags: '--max-connections <n>', description: 'simultaneous webhook connections Telegram may open (1–100)', default: '40' }],
  async run(env, opts) {
    const { config, api } = configured(env);
    const url = webhookUrl(env.PUBLIC_URL);
    const maxConnections = Number(opts.maxConnections ?? 40);
    if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) {
      throw new ConfigError('--max-connections must be a whole number from 1 to 100');
    }
    await run(api, 'setWebhook', () =>
      api.call('setWebhook', {
        url,
        secret_token: config.TELEGRAM_WEBHOOK_SECRET,
        allowed_updates: [...ALLOWED_UPDATES],
        // Updates waiting at Telegram (≤ 24 h) are workers' messages: keep them.
        drop_pending_updates: false,
        max_connections: maxConnections,
      }),
    );
    console.log(`webhook set: ${url} (bot ${config.botId}, max ${maxConnections} connections)`);
    // No language_code: the Vietnamese menu is what every user without a better match sees.
    await run(api, 'setMyCommands (vi)', () => api.call('setMyCommands', { commands: menuCommands('vi'), scope: { type: 'default' } }));
    await run(api, 'setMyCommands (en)', () =>
      api.call('setMyCommands', { commands: menuCommands('en'), scope: { type: 'default' }, language_code: 'en' }),
    );
    console.log(`command menu set: /${MENU_COMMANDS.join(', /')} (vi default, en)`);
  },
};

const webhookInfo: AdapterCommand = {
  name: 'telegram:webhook-info',
  description: 'show what Telegram knows of the webhook: URL, pending updates, last delivery error',
  async run(env) {
    const { api } = configured(env);
    const info = await run(api, 'getWebhookInfo', () => api.call('getWebhookInfo', {}));
    console.log(JSON.stringify(info, null, 2));
    if (info.last_error_date) {
      console.log(`last delivery error ${new Date(info.last_error_date * 1000).toISOString()}: ${info.last_error_message ?? ''}`);
    }
  },
};

export const commands: AdapterCommand[] = [setWebhook, webhookInfo];
