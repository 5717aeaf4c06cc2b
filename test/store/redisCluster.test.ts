/**
 * The Redis engine on a real Redis Cluster (three masters on loopback, started by the tests): the
 * whole store contract, including two processes writing one publisher, plus what only a cluster
 * shows — keys spread over every master and still all found, and every multi-key script kept in
 * one hash slot (a script across slots would fail with CROSSSLOT).
 */
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { randomKeyPrefix } from '../helpers/redis';
import { requireCluster, type LocalCluster } from '../helpers/redisServer';
import { describeStoreContract } from './contract';
import { demoPublisher } from './demoPublisher';

const runPrefix = randomKeyPrefix('cluster');
let namespaces = 0;
let cluster: LocalCluster | undefined;

function clusterUrls(): string[] {
  if (cluster === undefined) throw new Error('the cluster starts in before');
  return cluster.urls;
}

describeStoreContract('redis cluster', {
  setUp: async (ctx) => {
    cluster = await requireCluster(ctx);
  },
  freshOptions: () => ({ store: 'redis', dataDir: '', redisUrl: '', redisClusterNodes: clusterUrls(), keyPrefix: `${runPrefix}${(namespaces += 1)}:` }),
  // The cluster is the test run's own and goes with the process: nothing to clean in a shared Redis.
  tearDown: () => Promise.resolve(),
});

describe('redis engine on a cluster', function () {
  this.timeout(60_000);
  let store: StoreEngine | undefined;
  const prefix = randomKeyPrefix('cluster-engine');

  before(async function () {
    this.timeout(120_000);
    cluster = await requireCluster(this);
  });
  beforeEach(async () => {
    store = await openStore({ store: 'redis', dataDir: '', redisUrl: '', redisClusterNodes: clusterUrls(), keyPrefix: prefix });
  });
  afterEach(async () => {
    await store?.close();
  });

  /** How many of `prefix`'s keys each master holds. */
  async function keysPerMaster(): Promise<number[]> {
    return Promise.all(
      (cluster?.nodes ?? []).map(async (node) => {
        const client = createClient({ url: node.url });
        client.on('error', () => undefined);
        await client.connect();
        try {
          let count = 0;
          for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) count += batch.length;
          return count;
        } finally {
          await client.close();
        }
      }),
    );
  }

  it('finds with keys() the key-value entries of every master', async () => {
    const engine = required(store);
    const names = Array.from({ length: 60 }, (_, i) => `spread:${String(i).padStart(2, '0')}`);
    await Promise.all(names.map((name) => engine.kv.put(name, 1)));
    const perMaster = await keysPerMaster();
    assert.equal(perMaster.filter((count) => count > 0).length, 3, `60 keys should land on all three masters: ${perMaster.join(',')}`);
    assert.deepEqual(await engine.kv.keys('spread:'), names);
  });

  it('runs every multi-key write of a publisher in one slot (no CROSSSLOT) and reads it back', async () => {
    const engine = required(store);
    await engine.publishers.put(demoPublisher(), 'new');
    await engine.audit.append({ at: new Date().toISOString(), actor: 'h:1', publisherId: 'contoso-cn', action: 'export', fields: [] });
    assert.equal((await engine.audit.list('contoso-cn')).length, 1);
    const client = createClient({ url: clusterUrls()[0] });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const slots = await Promise.all([`${prefix}pub:{contoso-cn}`, `${prefix}audit:{contoso-cn}`, `${prefix}audit-seq:{contoso-cn}`].map((key) => client.clusterKeySlot(key)));
      assert.equal(new Set(slots).size, 1);
    } finally {
      await client.close();
    }
  });

  it('answers ping while every master answers', async () => {
    await required(store).ping();
  });
});

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('opened in beforeEach');
  return value;
}
