/**
 * Where the server listens. Without Bot Framework credentials anyone who can connect may claim any
 * Teams identity, so the default is this machine only (127.0.0.1 and ::1); with credentials every address.
 */
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { Config } from '../config';
import { errorFields, type Logger } from '../log';

export const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'] as const;

/** The addresses to listen on, first the one whose port the others share. */
export function listenAddresses(config: Pick<Config, 'HOST' | 'MicrosoftAppId'>): string[] {
  if (config.HOST === 'localhost') return [...LOOPBACK_ADDRESSES];
  if (config.HOST !== undefined) return [config.HOST];
  return config.MicrosoftAppId ? ['::'] : [...LOOPBACK_ADDRESSES];
}

export interface Listening {
  port: number;
  /** The addresses that accepted the listen. */
  addresses: string[];
  /** Stops the extra listeners (the HTTP server itself is closed by its owner). */
  close(): Promise<void>;
}

/**
 * Listens on the first address with the HTTP server itself, and on the others with plain TCP
 * listeners that hand their connections to it (Node lets a 'connection' be injected so).
 * An extra address the machine lacks (no IPv6) is skipped with a warning.
 */
export async function listenOn(http: HttpServer, port: number, addresses: string[], logger: Logger): Promise<Listening> {
  const [first, ...others] = addresses;
  if (first === undefined) throw new Error('no address to listen on');
  const boundPort = await new Promise<number>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, first, () => {
      http.off('error', reject);
      const address = http.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
  const extra: TcpServer[] = [];
  const listening = [first];
  for (const address of others) {
    const tcp = createTcpServer((socket) => http.emit('connection', socket));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(boundPort, address, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      extra.push(tcp);
      listening.push(address);
    } catch (error) {
      logger.warn({ address, err: errorFields(error) }, 'could not listen on this address too');
    }
  }
  return {
    port: boundPort,
    addresses: listening,
    close: () => Promise.all(extra.map((tcp) => new Promise<void>((resolve) => tcp.close(() => resolve())))).then(() => undefined),
  };
}
