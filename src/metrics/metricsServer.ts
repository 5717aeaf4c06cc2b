/**
 * `GET /metrics` on a listener of its own (METRICS_PORT, loopback unless METRICS_HOST says otherwise),
 * so the metrics are never served on the bot's public port by accident. Nothing else answers here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log';
import { registry } from './botMetrics';

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(options: { port: number; host: string }, logger: Logger): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    // Not chained: restify replaces ServerResponse.prototype.writeHead process-wide with one returning nothing.
    const answer = (status: number, headers: Record<string, string>, body?: string): void => {
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if ((req.url ?? '').split('?')[0] !== '/metrics') return answer(404, { 'content-type': 'text/plain' }, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, { allow: 'GET, HEAD' });
    registry.metrics().then(
      (text) => answer(200, { 'content-type': registry.contentType }, text),
      () => answer(500, { 'content-type': 'text/plain' }, 'metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: options.host }, 'metrics listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Starts the listener when METRICS_PORT is set; returns it, or undefined when metrics are off. */
export async function startConfiguredMetrics(config: { METRICS_PORT?: number | undefined; METRICS_HOST: string }, logger: Logger): Promise<MetricsListener | undefined> {
  return config.METRICS_PORT === undefined ? undefined : startMetricsServer({ port: config.METRICS_PORT, host: config.METRICS_HOST }, logger);
}
