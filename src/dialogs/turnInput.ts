/**
 * What the user asked for this turn, whatever the channel: a card action (verb + data), a typed
 * command in either language (mapped to the same verbs), or free text. The channel edges build it;
 * dialogs never see an Activity.
 */
import { normalizeCommand } from '../domain/typedText';
import { translator, LOCALES } from '../i18n';
import { COMMANDS, isVerb, type Verb } from '../tasks/registry';
import type { ActionData } from '../views/view';

export type { CommandName } from '../tasks/registry';

export type TurnInput = { kind: 'action'; verb: Verb; data: ActionData } | { kind: 'text'; text: string };

// Every command word of every language, so a user can type 菜单 in an English session too.
const COMMAND_WORDS = new Map<string, Verb>(
  LOCALES.flatMap((locale) => {
    const t = translator(locale);
    return COMMANDS.flatMap(({ name, verb }) =>
      t(`commands.${name}.words`)
        .split('|')
        .map((word): [string, Verb] => [commandKey(word), verb]),
    );
  }),
);

/** The verb a typed command starts, if the text is one. */
export function verbForCommand(text: string): Verb | undefined {
  return COMMAND_WORDS.get(commandKey(text));
}

// As typed with an IME ("菜单。", "ＭＥＮＵ", "帮助？") or as a slash command ("/menu").
function commandKey(text: string): string {
  return normalizeCommand(text).replace(/^\//, '');
}

/** A typed text: the command it names, or free text; undefined when it is empty. */
export function textInput(text: string): TurnInput | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const verb = verbForCommand(trimmed);
  return verb ? { kind: 'action', verb, data: {} } : { kind: 'text', text: trimmed };
}

/** An action from a client's payload (card data, a stored choice); undefined unless the verb is one the bot knows. */
export function actionInput(verb: unknown, data: unknown): TurnInput | undefined {
  return isVerb(verb) ? { kind: 'action', verb, data: toActionData(data) } : undefined;
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
