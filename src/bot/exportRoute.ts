/**
 * GET /exports/{token}: the data export as a file, once. Any other method, a token of the wrong
 * shape, an unknown, used or expired token all get the same 404, so an answer tells a guesser
 * nothing; nothing about the token or the publisher reaches the log.
 */
import type restify from 'restify';
import type { Logger } from '../log';
import type { PrivacyService } from '../service/privacyService';
import { guarded } from './routeGuard';

const NOT_FOUND_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function registerExportRoute(server: restify.Server, service: PrivacyService, logger: Logger): void {
  server.get('/exports/:token', guarded(logger, async (req, res) => {
    const token = (req.params as Record<string, unknown> | undefined)?.token;
    const found = typeof token === 'string' ? await service.downloadExport(token) : undefined;
    if (!found) return notFound(res);
    const body = Buffer.from(JSON.stringify(found.export, null, 2), 'utf8');
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${found.fileName}"`,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  }));
  // HEAD and every other method would otherwise be told the path exists (405): same answer as unknown, and the link is not used up.
  for (const method of ['head', 'post', 'put', 'del', 'patch', 'opts'] as const) server[method]('/exports/:token', guarded(logger, (_req, res) => notFound(res)));
}

function notFound(res: restify.Response): void {
  res.writeHead(404, NOT_FOUND_HEADERS);
  res.end('Not found');
}
