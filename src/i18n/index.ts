/**
 * Translations through i18next. The resources live in locales/<lang>/translation.json with the same
 * keys in both languages; a missing key is a bug that the locale parity test catches.
 */
import i18next, { type TFunction } from 'i18next';
import enUS from '../../locales/en-US/translation.json';
import zhCN from '../../locales/zh-CN/translation.json';

export const LOCALES = ['en-US', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export type Translate = TFunction;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { 'en-US': { translation: enUS }, 'zh-CN': { translation: zhCN } },
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
