/**
 * The store engines the residue and retention tests run on — files, one Redis, a three-master Redis
 * Cluster — each with the scan that covers everything it holds, and the real server started on one.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl } from './redis';
import { sharedCluster } from './redisServer';
import { scanDataDir, scanRedis, type Hit } from './residueScanners';
import { FakeConnector, RunningServer } from './server';
import { wechatEnv } from './wechat';

/** The engines the residue tests run on: files, one Redis, and a real three-master Redis Cluster. */
export type EngineName = 'embedded' | 'redis' | 'redis-cluster';

export interface EngineUnderTest {
  readonly name: EngineName;
  /** Redis engines: every master's URL (what a scan must visit); empty for the embedded engine. */
  readonly redisUrls: readonly string[];
  /** Selects the engine for the server and the operator commands. */
  readonly env: Record<string, string>;
  /** The same store, opened in the test process. */
  readonly store: StoreEngine;
  /** Scans everything the engine holds (every key in the Redis database, or every file in DATA_DIR). */
  scan(needles: readonly string[]): Promise<Hit[]>;
  /** Whether a hit is in the key-value store (bot state, WeChat dedupe entries, codes, bindings). */
  isKeyValue(hit: Hit): boolean;
  dispose(): Promise<void>;
}

/** The salt the server and the operator commands share in these tests (not the default). */
export const TEST_AUDIT_SALT = 'residue-test-salt';

export async function openEngine(name: EngineName): Promise<EngineUnderTest> {
  if (name === 'embedded') {
    const dataDir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-residue-'));
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    return {
      name,
      redisUrls: [],
      env: { STORE: 'embedded', DATA_DIR: dataDir, DEMO_DATA: 'off', AUDIT_SALT: TEST_AUDIT_SALT },
      store,
      scan: (needles) => scanDataDir(dataDir, needles),
      isKeyValue: (hit) => hit.where.startsWith(`kv${path.sep}`),
      dispose: async () => {
        await store.close();
        await fs.rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const prefix = randomKeyPrefix('prv');
  if (name === 'redis-cluster') {
    // The test process's own cluster: its whole keyspace on every master is scanned.
    const cluster = await sharedCluster();
    const store = await openStore({ store: 'redis', dataDir: '', redisUrl: '', redisClusterNodes: cluster.urls, keyPrefix: prefix });
    return {
      name,
      redisUrls: cluster.urls,
      env: { STORE: 'redis', REDIS_CLUSTER_NODES: cluster.urls.join(','), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: TEST_AUDIT_SALT },
      store,
      scan: async (needles) => (await Promise.all(cluster.urls.map((url) => scanRedis('', needles, url)))).flat(),
      isKeyValue: (hit) => hit.where.startsWith(`${prefix}kv:`),
      dispose: async () => {
        await store.close();
        for (const url of cluster.urls) await deleteKeysWithPrefix(prefix, url);
      },
    };
  }
  const store = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
  return {
    name,
    redisUrls: [redisUrl()],
    env: { STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, AUDIT_SALT: TEST_AUDIT_SALT },
    store,
    // The whole logical database, not only the prefix: a copy written outside the namespace counts too.
    scan: (needles) => scanRedis('', needles),
    isKeyValue: (hit) => hit.where.startsWith(`${prefix}kv:`),
    dispose: async () => {
      await store.close();
      await deleteKeysWithPrefix(prefix);
    },
  };
}

/** A real server (with the /wechat endpoint, plaintext mode) on an engine, and a Bot Connector stand-in for it. */
export interface ServerUnderTest {
  engine: EngineUnderTest;
  server: RunningServer;
  connector: FakeConnector;
  stop(): Promise<void>;
}

export async function startServerOn(name: EngineName, env: Record<string, string> = {}): Promise<ServerUnderTest> {
  const engine = await openEngine(name);
  const connector = await FakeConnector.start();
  let server: RunningServer;
  try {
    server = await RunningServer.start({ ...engine.env, ...wechatEnv('plain'), ...env });
  } catch (error) {
    // Nothing may stay open when the server does not start, or mocha (without --exit) never ends.
    await connector.stop();
    await engine.dispose();
    throw error;
  }
  return {
    engine,
    server,
    connector,
    stop: async () => {
      await server.stop('SIGTERM', false);
      await connector.stop();
      await engine.dispose();
    },
  };
}
