/** Reply words WeChat users type (save, more, the confirmation word…), recognized in either language. */
import { normalizeCommand } from '../domain/typedText';
import { LOCALES, translator, type Locale } from '../i18n';
import { COMMANDS } from '../tasks/registry';

/** Whether the text is one of the words a locale key lists (`a|b`), in either language. */
export function isWord(text: string, key: string): boolean {
  // As typed with an IME: "确认删除。", "ＳＡＶＥ", "更多！" are the words.
  const normalized = normalizeCommand(text);
  return LOCALES.some((locale) => translator(locale)(key).split('|').map(normalizeCommand).includes(normalized));
}

// The words that say which language a user speaks: every command, and the linking and paging words.
const WORD_KEYS = [...COMMANDS.map(({ name }) => `commands.${name}.words`), 'wechat.bindWords', 'wechat.unbindWords', 'wechat.moreWord'];

const LOCALES_OF_WORD = new Map<string, Set<Locale>>();
for (const locale of LOCALES) {
  const t = translator(locale);
  for (const key of WORD_KEYS) {
    for (const word of t(key).split('|').map(normalizeCommand)) {
      const locales = LOCALES_OF_WORD.get(word) ?? new Set<Locale>();
      locales.add(locale);
      LOCALES_OF_WORD.set(word, locales);
    }
  }
}

/**
 * The language a WeChat message is written in, when its words tell: a command word of one language
 * (`menu`, `帮助`), alone or before a code (`bind 123456`). WeChat sends no locale, so this is the
 * only sign there is. Undefined for anything else (digits, field values, words both languages share).
 */
export function localeOfWords(text: string): Locale | undefined {
  const normalized = normalizeCommand(text).replace(/^\//, '');
  const word = LOCALES_OF_WORD.has(normalized) ? normalized : normalized.replace(/[\s:]*\d+$/, '');
  const locales = LOCALES_OF_WORD.get(word);
  return locales?.size === 1 ? [...locales][0] : undefined;
}
