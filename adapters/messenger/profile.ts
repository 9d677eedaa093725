import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { commandKey } from '../../src/flowkit/commands.ts';
import { LOCALES, type Locale } from '../../src/i18n.ts';
import { projectRoot } from '../../src/paths.ts';
import { GET_STARTED } from './inbound.ts';

/**
 * What each menu entry and ice breaker sends back: choice keys the flow engine already knows
 * (`flow:<id>` starts a flow, `cmd:<command>` runs a global command), so a tap needs no
 * Messenger-specific handling. Get Started arrives as a `start` event (inbound.ts).
 */
const ENTRIES = [
  { id: 'registration', payload: 'flow:registration' },
  { id: 'registration_status', payload: 'flow:registration-status' },
  { id: 'human', payload: commandKey('human') },
] as const;
const ICE_BREAKERS = [...ENTRIES, { id: 'menu', payload: commandKey('menu') }] as const;

/** Messenger profile locales per app locale: Vietnamese is the Page's default, English has two spellings. */
const PROFILE_LOCALES: Record<Locale, string[]> = { vi: ['default'], en: ['en_US', 'en_GB'] };

// Greeting ≤ 160 and menu titles ≤ 30 characters (Messenger profile reference); an ice-breaker
// question over 80 characters is cut on phones (UNCONFIRMED limit, kept as a guard).
const MessengerTexts = z.object({
  greeting: z.string().min(1).max(160),
  menu: z.object(Object.fromEntries(ENTRIES.map((e) => [e.id, z.string().min(1).max(30)])) as Record<(typeof ENTRIES)[number]['id'], z.ZodString>),
  ice_breakers: z.object(
    Object.fromEntries(ICE_BREAKERS.map((e) => [e.id, z.string().min(1).max(80)])) as Record<(typeof ICE_BREAKERS)[number]['id'], z.ZodString>,
  ),
});
export type MessengerTexts = z.infer<typeof MessengerTexts>;

/** locales/<lang>/messenger.json, checked against Messenger's limits before anything is sent. */
export function loadProfileTexts(localesDir = join(projectRoot, 'locales')): Record<Locale, MessengerTexts> {
  const out = {} as Record<Locale, MessengerTexts>;
  for (const lng of LOCALES) {
    const file = join(localesDir, lng, 'messenger.json');
    const parsed = MessengerTexts.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    out[lng] = parsed.data;
  }
  return out;
}

/** The body of `POST /{version}/me/messenger_profile`: Get Started, greeting, persistent menu, ice breakers. */
export function profileBody(texts: Record<Locale, MessengerTexts>) {
  const perLocale = <T>(fn: (t: MessengerTexts) => T) =>
    LOCALES.flatMap((lng) => PROFILE_LOCALES[lng].map((locale) => ({ locale, ...fn(texts[lng]) })));
  return {
    get_started: { payload: GET_STARTED },
    greeting: perLocale((t) => ({ text: t.greeting })),
    persistent_menu: perLocale((t) => ({
      composer_input_disabled: false,
      call_to_actions: ENTRIES.map((e) => ({ type: 'postback', title: t.menu[e.id], payload: e.payload })),
    })),
    ice_breakers: perLocale((t) => ({ call_to_actions: ICE_BREAKERS.map((e) => ({ question: t.ice_breakers[e.id], payload: e.payload })) })),
  };
}

/** Webhook fields the adapter reads (`POST /{page-id}/subscribed_apps`). */
export const SUBSCRIBED_FIELDS = ['messages', 'messaging_postbacks', 'messaging_referrals', 'message_echoes', 'message_deliveries', 'message_reads'] as const;
