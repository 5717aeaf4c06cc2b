/**
 * What the user asked for this turn, whatever the channel: a card action (verb + data), a typed
 * command in either language (mapped to the same verbs), or free text.
 */
import type { Activity } from 'botbuilder';
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

/** Reads the turn's input from a message (text or Action.Submit value) or an Adaptive Card invoke. */
export function readTurnInput(activity: Partial<Activity>): TurnInput | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    return typeof action?.verb === 'string' ? { kind: 'action', verb: action.verb, data: toActionData(action.data) } : undefined;
  }
  if (activity.type !== 'message') return undefined;
  const value: unknown = activity.value;
  if (isObject(value) && typeof value.verb === 'string') return { kind: 'action', verb: value.verb, data: toActionData(value) };
  const text = stripMentions(activity.text ?? '');
  if (!text) return undefined;
  const verb = verbForCommand(text);
  return verb ? { kind: 'action', verb, data: {} } : { kind: 'text', text };
}

function toActionData(value: unknown): ActionData {
  if (!isObject(value)) return {};
  const data: ActionData = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') data[key] = item;
  }
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// In a group chat Teams puts "<at>Bot</at>" in front of the text.
function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}
