/**
 * Connecting to Redis (one server or a cluster) so that start-up fails fast with a message an
 * operator can act on, a connection lost later is retried with backoff (a Redis restart must not take
 * the bot down), and no command waits longer than its deadline.
 *
 * node-redis alone would hold commands in its offline queue with no deadline while it reconnects and
 * run them when the connection returns, so a write the user was told had failed could land minutes
 * later. Here the offline queue is off (a command while disconnected fails at once), every command
 * has a deadline, and every write is a script that refuses to run after its deadline on the server's
 * clock, so a write sent to a server that hangs and later resumes is not applied either.
 */
import { createHash } from 'node:crypto';
import { createClient, createCluster, ErrorReply, type RedisClientType, type RedisClusterType } from 'redis';
import { StoreUnavailableError } from '../types';

export type RedisClient = RedisClientType;
export type RedisCluster = RedisClusterType;

/** The key commands the engine reads with; one server and a cluster offer them alike. */
export type RedisReadCommands = Pick<RedisClient, 'hGetAll' | 'sMembers' | 'exists' | 'zRange' | 'zCard'>;

export interface RedisConnectOptions {
  /** One server: `redis[s]://…` (REDIS_URL). Ignored when `clusterNodes` is given. */
  url: string;
  /** Redis Cluster seed nodes (REDIS_CLUSTER_NODES); the cluster client finds the others. */
  clusterNodes?: readonly string[];
  /** Per attempt to open the socket; also bounds the whole handshake (twice this). Default 2 s. */
  connectTimeoutMs?: number;
  /** How long any one command may take before it counts as failed (STORE_COMMAND_TIMEOUT_MS). Default 2 s. */
  commandTimeoutMs?: number;
  /** Told about connection errors after start-up (node-redis emits them while it reconnects). */
  onError?: (error: Error) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 2_000;
const MAX_BACKOFF_MS = 3_000;
const SCAN_COUNT = 500;
/** Server-side error replies that mean "not now" rather than "wrong command". */
const TRANSIENT_REPLY = /^(CLUSTERDOWN|TRYAGAIN|LOADING|MASTERDOWN|BUSY|DEADLINE)\b/;

type Target = { kind: 'single'; client: RedisClient } | { kind: 'cluster'; cluster: RedisCluster };

/** An open connection: deadline-bound reads, fenced script writes, scans of every master. */
export class RedisConnection {
  /** Server clock minus local clock (ms), measured at connect, so a deadline can be checked on the server. */
  private clockOffsetMs = 0;

  constructor(
    private readonly target: Target,
    readonly commandTimeoutMs: number,
  ) {}

  get isCluster(): boolean {
    return this.target.kind === 'cluster';
  }

  /** Runs one read command within the deadline. */
  read<T>(command: (commands: RedisReadCommands) => Promise<T>): Promise<T> {
    const commands: RedisReadCommands = this.target.kind === 'single' ? this.target.client : this.target.cluster;
    return this.withDeadline(() => command(commands));
  }

  /**
   * Runs a write script within the deadline. Its last argument is the deadline on the server's clock
   * (a little before ours, so a reply still has time to arrive): after it the script writes nothing.
   */
  runScript(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    const margin = Math.min(250, Math.floor(this.commandTimeoutMs / 4));
    const fence = String(Date.now() + this.clockOffsetMs + this.commandTimeoutMs - margin);
    const commands = this.target.kind === 'single' ? this.target.client : this.target.cluster;
    return this.withDeadline(() => script.run(commands, keys, [...args, fence]));
  }

  /** Every key matching `pattern`, from every master (SCAN, one page per deadline). */
  async scan(pattern: string): Promise<string[]> {
    const found = new Set<string>();
    for (const client of await this.masterClients()) {
      let cursor = '0';
      do {
        const page = await this.withDeadline(() => client.scan(cursor, { MATCH: pattern, COUNT: SCAN_COUNT }));
        cursor = page.cursor;
        for (const key of page.keys) found.add(key);
      } while (cursor !== '0');
    }
    return [...found];
  }

  /** PING every master within the deadline. */
  async ping(): Promise<void> {
    const clients = await this.masterClients();
    await Promise.all(clients.map((client) => this.withDeadline(() => client.ping())));
  }

  /** Measures the server clock against ours (TIME), for the write fences. */
  async measureClock(): Promise<void> {
    const [client] = await this.masterClients();
    if (client === undefined) return;
    const before = Date.now();
    const [seconds, micros] = await this.withDeadline(() => client.time().then((t) => [t[0], t[1]] as const));
    const after = Date.now();
    this.clockOffsetMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - Math.round((before + after) / 2);
  }

  get isOpen(): boolean {
    return this.target.kind === 'single' ? this.target.client.isOpen : this.target.cluster.isOpen;
  }

  async close(): Promise<void> {
    const closable = this.target.kind === 'single' ? this.target.client : this.target.cluster;
    if (!closable.isOpen) return;
    try {
      await withTimeout(closable.close(), this.commandTimeoutMs, 'close timed out');
    } catch {
      closable.destroy();
    }
  }

  destroy(): void {
    const closable = this.target.kind === 'single' ? this.target.client : this.target.cluster;
    if (closable.isOpen) closable.destroy();
  }

  private async masterClients(): Promise<RedisClient[]> {
    if (this.target.kind === 'single') return [this.target.client];
    const cluster = this.target.cluster;
    return this.withDeadline(() => Promise.all(cluster.masters.map((master) => cluster.nodeClient(master))));
  }

  private async withDeadline<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(run(), this.commandTimeoutMs, `no answer within ${this.commandTimeoutMs} ms`);
    } catch (error) {
      throw asStoreError(error);
    }
  }
}

/**
 * A Redis failure as the rest of the bot should see it: outages (closed, offline, timed out, cluster
 * down) become `StoreUnavailableError`; an error reply about the command itself stays as it is (a bug).
 */
export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (error instanceof ErrorReply && !TRANSIENT_REPLY.test(error.message)) return error;
  if (error instanceof TypeError || error instanceof SyntaxError) return error;
  // The cause's name only: its message can hold a host name, never needed by the user.
  return new StoreUnavailableError(`redis store unavailable (${error instanceof Error ? error.name : 'unknown'})`, { cause: error });
}

/** A connected engine connection, or a rejection naming REDIS_URL / REDIS_CLUSTER_NODES when nothing answers. */
export async function connectRedis(options: RedisConnectOptions): Promise<RedisConnection> {
  const connectTimeout = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const commandTimeout = options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  let started = false;
  const clientOptions = {
    socket: {
      connectTimeout,
      // Before the first connection, returning the cause stops retrying and rejects connect().
      reconnectStrategy: (retries: number, cause: Error) => (started ? Math.min(100 * 2 ** retries, MAX_BACKOFF_MS) : cause),
    },
    // While disconnected a command fails at once instead of waiting to run after the user gave up.
    disableOfflineQueue: true,
    // No node-redis `commandOptions.timeout`: it arms an AbortSignal.timeout per command (a timer
    // and a DOMException that fire even after the answer came, about 4% of a turn's CPU in the
    // profile). Our deadline (withDeadline) already fails the caller in time, and a command that
    // leaves after it cannot harm: reads change nothing and every write is fenced on the server's clock.
  };
  const clusterNodes = options.clusterNodes ?? [];
  const target: Target =
    clusterNodes.length > 0
      ? { kind: 'cluster', cluster: createCluster({ rootNodes: clusterNodes.map((url) => ({ url })), defaults: clientOptions }) }
      : { kind: 'single', client: createClient({ url: options.url, ...clientOptions }) };
  const emitter = target.kind === 'single' ? target.client : target.cluster;
  // Without a listener node-redis would crash the process on the first connection error.
  emitter.on('error', (error: Error) => {
    if (started) options.onError?.(error);
  });
  const connection = new RedisConnection(target, commandTimeout);
  try {
    const connecting: Promise<unknown> = target.kind === 'single' ? target.client.connect() : target.cluster.connect();
    await withTimeout(connecting, connectTimeout * 2, 'timed out');
    started = true;
    await connection.measureClock();
    return connection;
  } catch (error) {
    connection.destroy(); // still connecting (timed out): stop it
    const reason = error instanceof Error ? error.message : String(error);
    const where =
      target.kind === 'single' ? `${redactUrl(options.url)} (REDIS_URL)` : `${clusterNodes.map(redactUrl).join(', ')} (REDIS_CLUSTER_NODES)`;
    throw new Error(`Redis did not answer at ${where}: ${reason}`);
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

type ScriptCommands = Pick<RedisClient, 'evalSha' | 'eval'>;

/**
 * Refuses, with a DEADLINE error reply, when the server's clock is past ARGV[#ARGV] (ms): a write
 * that reaches a server which hung past the caller's deadline must not happen after the caller was
 * told it failed. Scripts replicate their effects (Redis ≥ 5), so TIME before a write is allowed.
 */
const FENCE = `
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(ARGV[#ARGV]) then
  return redis.error_reply('DEADLINE the write arrived after its deadline')
end
`;

/**
 * A fenced Lua write script sent once per connection (EVALSHA, falling back to EVAL when Redis lacks
 * it). Its last argument is the deadline (added by `RedisConnection.runScript`).
 */
export class LuaScript {
  private readonly source: string;
  private readonly sha: string;

  constructor(body: string) {
    this.source = `${FENCE}${body}`;
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  /** Runs the script; every key must hash to one slot (Redis Cluster runs a script on one node). */
  async run(client: ScriptCommands, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}
