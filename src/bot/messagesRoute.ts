/**
 * POST /api/messages: the Bot Framework's door. Maps each outcome of the guarded adapter to an HTTP
 * answer that says no more than the caller needs; only a fault of our own is a 500, with a
 * correlation id for the log and no internals.
 */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import type { ActivityHandlerBase } from 'botbuilder';
import { errorFields, type Logger } from '../log';
import type { GuardedCloudAdapter } from './guardedCloudAdapter';

export function registerMessagesRoute(server: restify.Server, adapter: GuardedCloudAdapter, bot: ActivityHandlerBase, logger: Logger): void {
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      const outcome = await adapter.processRequest(req.body, authorization, (context) => bot.run(context));
      switch (outcome.kind) {
        case 'done':
          res.send(outcome.status, outcome.body);
          return;
        case 'unauthorized':
          logger.info({ reason: outcome.reason }, 'refused a Bot Framework request that failed authentication');
          res.send(401, { error: 'unauthorized' });
          return;
        case 'keys-unavailable':
          logger.warn('could not load the Bot Framework signing keys (ToBotFromChannelOpenIdMetadataUrl)');
          res.send(503, { error: 'unavailable' });
          return;
        case 'malformed':
          res.send(400, { error: 'malformed activity', fields: outcome.problem });
          return;
      }
    } catch (error) {
      const correlationId = randomUUID();
      logger.error({ correlationId, err: errorFields(error, { stack: true }) }, 'Bot Framework request failed');
      if (!res.headersSent) res.send(500, { error: 'internal', correlationId });
    }
  });
}
