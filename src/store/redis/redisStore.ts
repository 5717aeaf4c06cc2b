/**
 * The Redis storage engine, for several bot instances behind a load balancer. Every key lives
 * under one prefix so several deployments (or test runs) can share a Redis.
 */
import type { StoreEngine } from '../types';
import { connectRedis, withTimeout, type RedisClient, type RedisConnectOptions } from './redisClient';
import { RedisAuditLog } from './redisAudit';
import { RedisKeyValueStore } from './redisKeyValueStore';
import { RedisKeys } from './redisKeys';
import { RedisPublisherRepository } from './redisPublishers';

export interface RedisStoreOptions extends RedisConnectOptions {
  /** Namespace of every key; default `ppa:`. */
  keyPrefix?: string;
  /** How long `ping()` waits for an answer; default 2 s. */
  pingTimeoutMs?: number;
}

export const DEFAULT_KEY_PREFIX = 'ppa:';
const DEFAULT_PING_TIMEOUT_MS = 2_000;

/** The Redis `StoreEngine`. */
export class RedisStore implements StoreEngine {
  readonly name = 'redis';
  readonly publishers: RedisPublisherRepository;
  readonly audit: RedisAuditLog;
  readonly kv: RedisKeyValueStore;

  constructor(
    private readonly client: RedisClient,
    readonly keys: RedisKeys,
    private readonly pingTimeoutMs = DEFAULT_PING_TIMEOUT_MS,
  ) {
    this.publishers = new RedisPublisherRepository(client, keys);
    this.audit = new RedisAuditLog(client, keys);
    this.kv = new RedisKeyValueStore(client, keys);
  }

  async ping(): Promise<void> {
    // While reconnecting, node-redis queues commands instead of failing: bound the wait.
    await withTimeout(this.client.ping(), this.pingTimeoutMs, 'Redis did not answer PING in time');
  }

  async close(): Promise<void> {
    if (!this.client.isOpen) return;
    try {
      await this.client.close();
    } catch {
      this.client.destroy();
    }
  }
}

/** Connects to Redis (failing fast, naming REDIS_URL, when nothing answers) and opens the engine. */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const client = await connectRedis(options);
  return new RedisStore(client, new RedisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX), options.pingTimeoutMs);
}
