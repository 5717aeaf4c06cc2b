/**
 * A typing indicator on slow turns. botbuilder's ShowTypingMiddleware can fire after a turn has
 * ended and touch its revoked context, which crashes the process (an unhandled rejection); this one
 * stops with the turn, and a failed indicator never fails the turn.
 */
import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

export function typingIndicator(delayMs: number, periodMs: number): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      if (context.activity.type !== 'message') return next();
      let finished = false;
      let timer: NodeJS.Timeout | undefined;
      const schedule = (ms: number): void => {
        timer = setTimeout(() => void send(), ms);
      };
      const send = async (): Promise<void> => {
        if (finished) return;
        try {
          await context.sendActivity({ type: ActivityTypes.Typing });
        } catch {
          return;
        }
        if (!finished) schedule(periodMs);
      };
      schedule(delayMs);
      try {
        await next();
      } finally {
        finished = true;
        clearTimeout(timer);
      }
    },
  };
}
