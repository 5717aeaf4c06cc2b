/**
 * Translations through i18next. The resources live in locales/<lang>/translation.json with the same
 * keys in both languages; a missing key is a bug that the locale parity test catches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type ResourceLanguage, type TFunction } from 'i18next';
import { PACKAGE_ROOT } from '../packageRoot';

export const LOCALES = ['en-US', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export type Translate = TFunction;

// Read at run time from the package root (not bundled by `import`), so src/ under tsx and the
// compiled dist/ find the same files and the build does not copy them.
function resources(locale: Locale): ResourceLanguage {
  return JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'locales', locale, 'translation.json'), 'utf8')) as ResourceLanguage;
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { 'en-US': { translation: resources('en-US') }, 'zh-CN': { translation: resources('zh-CN') } },
  supportedLngs: [...LOCALES],
  fallbackLng: 'en-US',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Chinese for any `zh-*` locale the client reports, English otherwise. */
export function resolveLocale(clientLocale: string | undefined): Locale {
  return clientLocale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

const bound = new Map<Locale, Translate>();

/** A translate function bound to one locale (one per locale, made on first use). */
export function translator(locale: Locale): Translate {
  let t = bound.get(locale);
  if (t === undefined) {
    t = rememberingPlainKeys(instance.getFixedT(locale));
    bound.set(locale, t);
  }
  return t;
}

// The keys our code names are a fixed set; more than this many would mean keys built from input.
const MAX_REMEMBERED = 5_000;

/**
 * `t` with the answers for a bare key (no options: no interpolation, count or default) remembered:
 * the resources never change after start-up, and views ask for the same labels every turn, which
 * the profile showed i18next resolving afresh each time (about 7% of a turn's CPU).
 */
function rememberingPlainKeys(t: TFunction): Translate {
  const texts = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const remembering = (...args: unknown[]): unknown => {
    const [key] = args;
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    const known = texts.get(key);
    if (known !== undefined) return known;
    const text = call(key);
    if (typeof text === 'string' && texts.size < MAX_REMEMBERED) texts.set(key, text);
    return text;
  };
  return remembering as unknown as Translate;
}
