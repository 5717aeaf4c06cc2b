/**
 * The HTTP server: Bot Framework messages, health and readiness. Counts requests in flight so a
 * shutdown can let them finish.
 */
import restify from 'restify';
import type { ActivityHandlerBase } from 'botbuilder';
import type { Logger } from '../log';
import type { StoreEngine } from '../store/types';
import type { GuardedCloudAdapter } from './guardedCloudAdapter';
import { registerMessagesRoute } from './messagesRoute';
import { registerWechatRoutes, type WechatEndpointOptions } from '../wechat/wechatEndpoint';

export interface HttpServer {
  server: restify.Server;
  /** Stops accepting, waits for requests in flight (up to `graceMs`). */
  drain(graceMs: number): Promise<void>;
}

export function createHttpServer(adapter: GuardedCloudAdapter, bot: ActivityHandlerBase, store: StoreEngine, logger: Logger, wechat?: WechatEndpointOptions): HttpServer {
  const server = restify.createServer({ name: 'publisher-privacy-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // WeChat bodies are small XML: anything over 64 KiB is refused before it is read in full.
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  let inFlight = 0;
  server.pre((_req, res, next) => {
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  });

  registerMessagesRoute(server, adapter, bot, logger);
  if (wechat) registerWechatRoutes(server, wechat);
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ready', store: store.name });
    } catch (error) {
      // The code says why (a full disk, a read-only one, Redis gone); the message may hold a path only.
      const { name, code, reason } = error as { name?: unknown; code?: unknown; reason?: unknown };
      logger.warn({ err: { name, code, reason } }, 'store not answering or cannot write');
      res.send(503, { status: 'unavailable', store: store.name });
    }
  });

  return {
    server,
    async drain(graceMs: number): Promise<void> {
      const http = server.server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      http.closeAllConnections();
      await closed;
    },
  };
}
