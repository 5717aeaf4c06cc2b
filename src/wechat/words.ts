/** Reply words WeChat users type (save, more, the confirmation word…), recognized in either language. */
import { LOCALES, translator } from '../i18n';

/** Whether the text is one of the words a locale key lists (`a|b`), in either language. */
export function isWord(text: string, key: string): boolean {
  const normalized = text.trim().toLowerCase();
  return LOCALES.some((locale) => translator(locale)(key).toLowerCase().split('|').includes(normalized));
}
