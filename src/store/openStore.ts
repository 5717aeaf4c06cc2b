/**
 * Picks and opens the configured storage engine: the single place that knows both exist.
 */
import type { Config } from '../config';
import { instrumentStore } from '../metrics/instrumentStore';
import { createEmbeddedStore } from './embedded/embeddedStore';
import { createRedisStore } from './redis/redisStore';
import type { StoreEngine } from './types';

export interface OpenStoreOptions {
  store: 'embedded' | 'redis';
  /** Embedded engine: the data directory (created if missing). */
  dataDir: string;
  /** Redis engine: `redis[s]://…` (REDIS_URL). */
  redisUrl: string;
  /** Redis engine: Redis Cluster seed nodes (REDIS_CLUSTER_NODES); when given, `redisUrl` is not used. */
  redisClusterNodes?: string[];
  /** Redis engine: deadline of every command in ms (STORE_COMMAND_TIMEOUT_MS); default 2 s. */
  commandTimeoutMs?: number;
  /** Redis engine: namespace of every key; default `ppa:`. */
  keyPrefix?: string;
  /** Told about errors in the background (Redis reconnects, the embedded expiry sweep). */
  onBackgroundError?: (error: unknown) => void;
}

/**
 * Opens the engine named by `options.store`, with every command measured (src/metrics); rejects at
 * once (naming REDIS_URL or REDIS_CLUSTER_NODES) when Redis does not answer.
 */
export async function openStore(options: OpenStoreOptions): Promise<StoreEngine> {
  return instrumentStore(await openEngine(options));
}

async function openEngine(options: OpenStoreOptions): Promise<StoreEngine> {
  if (options.store === 'redis') {
    return createRedisStore({
      url: options.redisUrl,
      ...(options.redisClusterNodes ? { clusterNodes: options.redisClusterNodes } : {}),
      ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}),
      keyPrefix: options.keyPrefix,
      onError: options.onBackgroundError,
    });
  }
  return createEmbeddedStore(options.dataDir, { onError: options.onBackgroundError });
}

/** The store settings of a loaded configuration, as every entry point (server, operator commands) opens it. */
export function storeOptionsFrom(config: Config, onBackgroundError?: (error: unknown) => void): OpenStoreOptions {
  return {
    store: config.STORE,
    dataDir: config.DATA_DIR,
    redisUrl: config.REDIS_URL,
    ...(config.REDIS_CLUSTER_NODES ? { redisClusterNodes: config.REDIS_CLUSTER_NODES } : {}),
    commandTimeoutMs: config.STORE_COMMAND_TIMEOUT_MS,
    keyPrefix: config.REDIS_KEY_PREFIX,
    ...(onBackgroundError ? { onBackgroundError } : {}),
  };
}
