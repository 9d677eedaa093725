import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { projectRoot } from './paths.ts';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

/** Reads locales/<lang>/<namespace>.json: one namespace per flow plus `common`. */
function loadResources(dir: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of LOCALES) {
    const lngDir = join(dir, lng);
    resources[lng] = {};
    if (!existsSync(lngDir)) continue;
    for (const file of readdirSync(lngDir)) {
      if (!file.endsWith('.json')) continue;
      resources[lng]![file.slice(0, -5)] = JSON.parse(readFileSync(join(lngDir, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;

/** One i18next instance for the process; loading is synchronous so it is ready at import time. */
export function getI18n(): i18n {
  if (instance) return instance;
  const resources = loadResources(join(projectRoot, 'locales'));
  const inst = i18next.createInstance();
  void inst.init({
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
    defaultNS: 'common',
    resources: resources as never,
    initAsync: false,
    // Texts go to chat platforms as plain text, never into HTML: escaping would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = inst;
  return inst;
}

export function translator(locale: Locale, ns = 'common'): TFunction {
  return getI18n().getFixedT(locale, ns);
}

/** Every translation of one key, in all locales: used to recognise commands typed in any language. */
export function allTranslations(key: string, ns = 'common'): string[] {
  const out: string[] = [];
  for (const lng of LOCALES) {
    const v = getI18n().getResource(lng, ns, key);
    if (Array.isArray(v)) out.push(...v.map(String));
    else if (typeof v === 'string') out.push(v);
  }
  return out;
}
