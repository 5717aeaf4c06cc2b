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

/** A translate function bound to one locale. */
export function translator(locale: Locale): Translate {
  return instance.getFixedT(locale);
}
