/**
 * Reads what a Teams user asked for from a message (text or an Action.Submit value) or an Adaptive
 * Card invoke, as the channel-neutral input the dialogs take.
 */
import type { Activity, AdaptiveCardInvokeValue } from 'botbuilder';
import { actionInput, textInput, type TurnInput } from '../dialogs/turnInput';

/** The input of a message activity; undefined for an empty one. */
export function readTeamsMessage(activity: Partial<Activity>): TurnInput | undefined {
  const value: unknown = activity.value;
  const action = typeof value === 'object' && value !== null && 'verb' in value ? actionInput(value.verb, value) : undefined;
  return action ?? textInput(stripMentions(activity.text ?? ''));
}

/** The input of an Adaptive Card `Action.Execute`. */
export function readCardInvoke(invokeValue: AdaptiveCardInvokeValue): TurnInput | undefined {
  return actionInput(invokeValue.action.verb, invokeValue.action.data);
}

// In a group chat Teams puts "<at>Bot</at>" in front of the text.
function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}
