/**
 * A fence around every route handler: a bug in one request (a throw or a rejected promise) is logged
 * with a correlation id and answered 500 — it never ends the process, and the answer holds no internals.
 */
import { randomUUID } from 'node:crypto';
import type restify from 'restify';
import { errorFields, type Logger } from '../log';

/** A route handler that finishes by answering; it may be async. */
export type RouteHandler = (req: restify.Request, res: restify.Response) => void | Promise<void>;

/** `handler` as a restify handler that cannot throw or reject out of it. */
export function guarded(logger: Logger, handler: RouteHandler): restify.RequestHandler {
  return (req, res, next) => {
    const fail = (error: unknown): void => answerInternalError(req, res, error, logger);
    try {
      const result = handler(req, res);
      if (result instanceof Promise) result.then(() => next(), (error: unknown) => (fail(error), next()));
      else next();
    } catch (error) {
      fail(error);
      next();
    }
  };
}

/** Logs `error` by name and code (never its message, which may hold a user's values) and answers 500. */
export function answerInternalError(req: restify.Request, res: restify.Response, error: unknown, logger: Logger): void {
  const correlationId = randomUUID();
  logger.error({ correlationId, method: req.method, route: req.getRoute()?.path, err: errorFields(error, { stack: true }) }, 'request failed');
  if (res.headersSent) {
    // Half an answer is out: cutting the connection is the only honest end.
    res.destroy();
    return;
  }
  res.sendRaw(500, JSON.stringify({ error: 'internal error', correlationId }), { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
}
