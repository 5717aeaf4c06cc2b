/**
 * What the user asked for this turn, whatever the channel: a card action (verb + data), a typed
 * command in either language (mapped to the same verbs), or free text. The channel edges build it;
 * dialogs never see an Activity.
 */
import { translator, LOCALES } from '../i18n';
import type { ActionData } from '../views/view';

export type TurnInput = { kind: 'action'; verb: string; data: ActionData } | { kind: 'text'; text: string };

/** Typed commands and the verb each starts; the words themselves live in the locale files. */
const COMMAND_VERBS = {
  menu: 'menu',
  help: 'help',
  cancel: 'cancel',
  contact: 'contact.view',
  accounts: 'account.list',
  offers: 'offer.list',
  records: 'record.list',
  export: 'export',
  language: 'language.choose',
  switch: 'publisher.choose',
  wechat: 'wechat.code',
  privacy: 'privacy',
  receipts: 'receipts',
  audit: 'audit',
} as const;

export type CommandName = keyof typeof COMMAND_VERBS;

// Every command word of every language, so a user can type 菜单 in an English session too.
const COMMAND_WORDS = new Map<string, string>(
  LOCALES.flatMap((locale) => {
    const t = translator(locale);
    return Object.entries(COMMAND_VERBS).flatMap(([name, verb]) =>
      t(`commands.${name}.words`)
        .split('|')
        .map((word): [string, string] => [normalizeCommand(word), verb]),
    );
  }),
);

/** The verb a typed command starts, if the text is one. */
export function verbForCommand(text: string): string | undefined {
  return COMMAND_WORDS.get(normalizeCommand(text));
}

function normalizeCommand(text: string): string {
  return text.trim().replace(/^\//, '').toLowerCase();
}

/** A typed text: the command it names, or free text; undefined when it is empty. */
export function textInput(text: string): TurnInput | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const verb = verbForCommand(trimmed);
  return verb ? { kind: 'action', verb, data: {} } : { kind: 'text', text: trimmed };
}

/** An action from a client's payload (card data, a stored choice); undefined unless the verb is a string. */
export function actionInput(verb: unknown, data: unknown): TurnInput | undefined {
  return typeof verb === 'string' ? { kind: 'action', verb, data: toActionData(data) } : undefined;
}

/** The input that opens the main menu. */
export const MENU_INPUT: TurnInput = { kind: 'action', verb: 'menu', data: {} };

function toActionData(value: unknown): ActionData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const data: ActionData = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') data[key] = item;
  }
  return data;
}
