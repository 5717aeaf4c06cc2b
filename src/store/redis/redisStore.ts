/**
 * The Redis storage engine, for several bot instances behind a load balancer, on one Redis server
 * or a Redis Cluster. Every key lives under one prefix so several deployments (or test runs) can
 * share a Redis.
 */
import type { StoreEngine } from '../types';
import { connectRedis, type RedisConnection, type RedisConnectOptions } from './redisClient';
import { RedisAuditLog } from './redisAudit';
import { RedisKeyValueStore } from './redisKeyValueStore';
import { RedisKeys } from './redisKeys';
import { RedisPublisherRepository } from './redisPublishers';

export interface RedisStoreOptions extends RedisConnectOptions {
  /** Namespace of every key; default `ppa:`. */
  keyPrefix?: string;
}

export const DEFAULT_KEY_PREFIX = 'ppa:';

/** The Redis `StoreEngine`. */
export class RedisStore implements StoreEngine {
  readonly name = 'redis';
  readonly publishers: RedisPublisherRepository;
  readonly audit: RedisAuditLog;
  readonly kv: RedisKeyValueStore;

  constructor(
    private readonly redis: RedisConnection,
    readonly keys: RedisKeys,
  ) {
    this.publishers = new RedisPublisherRepository(redis, keys);
    this.audit = new RedisAuditLog(redis, keys);
    this.kv = new RedisKeyValueStore(redis, keys);
  }

  /** Answers when every master answers PING within the command deadline (what /readyz reports). */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.close();
  }
}

/** Connects to Redis (failing fast, naming REDIS_URL or REDIS_CLUSTER_NODES, when nothing answers) and opens the engine. */
export async function createRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const redis = await connectRedis(options);
  return new RedisStore(redis, new RedisKeys(options.keyPrefix ?? DEFAULT_KEY_PREFIX));
}
