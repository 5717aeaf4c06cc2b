/**
 * One structured log line and one metrics sample per turn, with its duration; names what happened,
 * never what was said.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { metrics } from '../metrics/botMetrics';

export function turnLogger(logger: Logger): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const started = performance.now();
      let outcome: 'ok' | 'error' = 'ok';
      try {
        await next();
      } catch (error) {
        outcome = 'error';
        throw error;
      } finally {
        const { type, name, channelId } = context.activity;
        const durationMs = performance.now() - started;
        metrics.turn(channelId, type, outcome, durationMs / 1000);
        logger.info({ activityType: type, invokeName: name, channelId, verb: verbOf(context.activity.value), outcome, durationMs: Math.round(durationMs * 10) / 10 }, 'turn');
      }
    },
  };
}

// Verbs are fixed names from our own cards (e.g. `offer.delete`), safe to log; anything else is dropped.
function verbOf(value: unknown): string | undefined {
  const record = typeof value === 'object' && value !== null ? (value as { verb?: unknown; action?: { verb?: unknown } }) : {};
  const verb = record.action?.verb ?? record.verb;
  return typeof verb === 'string' && /^[a-z.]{1,40}$/.test(verb) ? verb : undefined;
}
