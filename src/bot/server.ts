/**
 * The HTTP server: Bot Framework messages, health and readiness. Counts requests in flight so a
 * shutdown can let them finish.
 */
import restify from 'restify';
import type { ActivityHandlerBase } from 'botbuilder';
import { errorFields, type Logger } from '../log';
import type { StoreEngine } from '../store/types';
import type { GuardedCloudAdapter } from './guardedCloudAdapter';
import { registerMessagesRoute } from './messagesRoute';
import { registerWechatRoutes, WECHAT_MAX_BODY_BYTES, WECHAT_MEDIA_TYPES, type WechatEndpointOptions } from '../wechat/wechatEndpoint';
import { readBodies, refuseContentCoding, type BodyRules } from './requestBody';
import { guarded } from './routeGuard';
import type { PrivacyService } from '../service/privacyService';
import { registerExportRoute } from './exportRoute';
import { registerSigninRoutes, type SigninRouteOptions } from '../signin/signinRoutes';

export interface HttpServer {
  server: restify.Server;
  /** Stops accepting, waits for requests in flight (up to `graceMs`). */
  drain(graceMs: number): Promise<void>;
}

export interface HttpOptions {
  /** How long an idle keep-alive connection stays open; longer than the load balancer's idle timeout. */
  keepAliveSeconds: number;
  /** Set when sign-in with the Azure account is on: GET /auth/start and /auth/callback. */
  signin?: SigninRouteOptions;
  /** Serves GET /exports/{token} (the data export's download links) from this service. */
  exports?: PrivacyService;
}

/** Activities are JSON of a few KiB; Teams refuses messages over ~28 KB, so this leaves ample room. */
export const ACTIVITY_MAX_BODY_BYTES = 256 * 1024;

// The only bodies the server reads; no other route reads one, and nothing is ever parsed to disk.
const BODY_RULES: BodyRules = {
  'POST /api/messages': { mediaTypes: ['application/json'], maxBytes: ACTIVITY_MAX_BODY_BYTES, as: 'json' },
  'POST /wechat': { mediaTypes: WECHAT_MEDIA_TYPES, maxBytes: WECHAT_MAX_BODY_BYTES, as: 'text' },
};

export function createHttpServer(
  adapter: GuardedCloudAdapter,
  bot: ActivityHandlerBase,
  store: StoreEngine,
  logger: Logger,
  wechat?: WechatEndpointOptions,
  options: HttpOptions = { keepAliveSeconds: 65 },
): HttpServer {
  // Handlers are wrapped by `guarded` instead of restify's domain-based handleUncaughtExceptions.
  const server = restify.createServer({ name: 'publisher-privacy-assistant', handleUncaughtExceptions: false });
  setKeepAlive(server, options.keepAliveSeconds);
  // No query parser and no body parser: they turn `a=1&a=2` into arrays, inflate gzip unbounded and write multipart to disk.
  server.pre(refuseContentCoding());
  server.use(readBodies(BODY_RULES));
  let inFlight = 0;
  server.pre((_req, res, next) => {
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  });

  registerMessagesRoute(server, adapter, bot, logger);
  if (wechat) registerWechatRoutes(server, wechat);
  if (options.signin) registerSigninRoutes(server, options.signin);
  if (options.exports) registerExportRoute(server, options.exports, logger);
  server.get('/healthz', guarded(logger, (_req, res) => {
    res.send(200, { status: 'ok' });
  }));
  server.get('/readyz', guarded(logger, async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ready', store: store.name });
    } catch (error) {
      // The code says why (a full disk, a read-only one, Redis gone); the message may hold a path only.
      logger.warn({ err: { ...errorFields(error), reason: (error as { reason?: unknown }).reason } }, 'store not answering or cannot write');
      res.send(503, { status: 'unavailable', store: store.name });
    }
  }));

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

/**
 * Node closes an idle keep-alive connection after 5 s by default, while load balancers keep theirs
 * for 60 s or more and then meet a closed socket. headersTimeout must exceed keepAliveTimeout, or a
 * request arriving late on a reused connection is cut off.
 */
function setKeepAlive(server: restify.Server, seconds: number): void {
  server.server.keepAliveTimeout = seconds * 1000;
  server.server.headersTimeout = (seconds + 5) * 1000;
}
