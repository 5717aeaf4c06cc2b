/**
 * Connecting to Redis so that start-up fails fast with a message an operator can act on, while a
 * connection lost later is retried with backoff (a Redis restart must not take the bot down).
 */
import { createHash } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';

export type RedisClient = RedisClientType;

export interface RedisConnectOptions {
  url: string;
  /** Per attempt to open the socket; also bounds the whole handshake (twice this). Default 2 s. */
  connectTimeoutMs?: number;
  /** Told about connection errors after start-up (node-redis emits them while it reconnects). */
  onError?: (error: Error) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
const MAX_BACKOFF_MS = 3_000;

/** A connected client, or a rejection naming REDIS_URL when nothing answers there. */
export async function connectRedis(options: RedisConnectOptions): Promise<RedisClient> {
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let started = false;
  const client: RedisClient = createClient({
    url: options.url,
    socket: {
      connectTimeout,
      // Before the first connection, returning the cause stops retrying and rejects connect().
      reconnectStrategy: (retries: number, cause: Error) => (started ? Math.min(100 * 2 ** retries, MAX_BACKOFF_MS) : cause),
    },
  });
  // Without a listener node-redis would crash the process on the first connection error.
  client.on('error', (error: Error) => {
    if (started) options.onError?.(error);
  });
  try {
    await withTimeout(client.connect(), connectTimeout * 2, 'timed out');
    started = true;
    return client;
  } catch (error) {
    if (client.isOpen) client.destroy(); // still connecting (timed out): stop it
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis did not answer at ${redactUrl(options.url)} (REDIS_URL): ${reason}`);
  }
}

/** The URL without its password, fit for a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Rejects with `message` when `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A Lua script sent once per connection (EVALSHA, falling back to EVAL when Redis lacks it). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script; every key must hash to one slot (Redis Cluster runs a script on one node). */
  async run(client: RedisClient, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
