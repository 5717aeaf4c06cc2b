/**
 * The answer Teams expects to an Adaptive Card action invoke, written once: a 200 with either the
 * card that replaces the clicked one or a message. A wrong or missing answer makes Teams show
 * "Something went wrong" and retry the invoke.
 */
import { ActivityTypes, type Activity, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/adaptiveCard';

const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/** The clicked card is replaced by this one. */
export function cardInvokeResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  const value: Record<string, unknown> = { ...card };
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value };
}

/** Teams shows this message (or nothing, for an empty value) and keeps the clicked card. */
export function messageInvokeResponse(message?: string): AdaptiveCardInvokeResponse {
  // botbuilder types `value` as a record; Teams also accepts the message text itself.
  const value = (message ?? {}) as unknown as Record<string, unknown>;
  return { statusCode: 200, type: MESSAGE_CONTENT_TYPE, value };
}

/** The invoke response as the activity a handler sends when it answers outside `onAdaptiveCardInvoke` (e.g. `onTurnError`). */
export function invokeResponseActivity(response: AdaptiveCardInvokeResponse): Partial<Activity> {
  return { type: ActivityTypes.InvokeResponse, value: { status: 200, body: response } };
}
