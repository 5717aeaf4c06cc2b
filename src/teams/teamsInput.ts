/**
 * Reads what a Teams user asked for from a message (text or an Action.Submit value) or an Adaptive
 * Card invoke, as the channel-neutral input the dialogs take. What was typed is normalized here, once
 * (normalizeTyped: full-width forms, IME dashes, invisible characters), like WeChat text at its edge.
 */
import type { Activity, AdaptiveCardInvokeValue } from 'botbuilder';
import { normalizeTyped } from '../domain/typedText';
import { actionInput, textInput, type TurnInput } from '../dialogs/turnInput';

/** The input of a message activity; undefined for an empty one. */
export function readTeamsMessage(activity: Partial<Activity>): TurnInput | undefined {
  const value: unknown = activity.value;
  const action = typeof value === 'object' && value !== null && 'verb' in value ? actionInput(value.verb, typedValues(value)) : undefined;
  return action ?? textInput(normalizeTyped(stripMentions(activity.text ?? '')));
}

/** The input of an Adaptive Card `Action.Execute`. */
export function readCardInvoke(invokeValue: AdaptiveCardInvokeValue): TurnInput | undefined {
  return actionInput(invokeValue.action.verb, typedValues(invokeValue.action.data));
}

/** A card's submitted inputs as the user meant them: every string value normalized, the rest as sent. */
function typedValues(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).map(([key, item]) => [key, typeof item === 'string' ? normalizeTyped(item) : item]));
}

// In a group chat Teams puts "<at>Bot</at>" in front of the text.
function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}
