/**
 * The Redis engine: the shared contract, plus what only Redis has (key names, hash tags, fail-fast start).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import type { Publisher } from '../../src/domain/publisher';
import { openStore } from '../../src/store/openStore';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redisStore';
import { deleteKeysWithPrefix, randomKeyPrefix, redisProblem, redisUrl, requireRedis } from '../helpers/redis';
import { describeStoreContract } from './contract';
import { DEMO_PERSONAL_VALUES, demoPublisher } from './demoPublisher';

const runPrefix = randomKeyPrefix('store');
let namespaces = 0;

describeStoreContract('redis', {
  setUp: (ctx) => requireRedis(ctx),
  freshOptions: () => ({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: `${runPrefix}${(namespaces += 1)}:` }),
  tearDown: async () => {
    if ((await redisProblem()) === undefined) await deleteKeysWithPrefix(runPrefix);
  },
});

describe('redis engine', () => {
  const prefix = randomKeyPrefix('engine');
  let store: RedisStore | undefined;
  const client = createClient({ url: redisUrl() });
  client.on('error', () => undefined);

  before(async function () {
    await requireRedis(this);
    await client.connect();
  });
  beforeEach(async () => {
    store = await createRedisStore({ url: redisUrl(), keyPrefix: prefix });
  });
  afterEach(async () => {
    await store?.close();
    await deleteKeysWithPrefix(prefix);
  });
  after(async () => {
    if (client.isOpen) await client.close();
  });

  async function keyNames(): Promise<string[]> {
    const names: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) names.push(...batch);
    return names.sort();
  }

  it('keeps identities out of key names and gives a publisher’s keys one hash tag', async () => {
    const engine = required(store);
    await engine.publishers.put(demoPublisher(), 'new');
    await engine.audit.append({ at: new Date().toISOString(), actor: 'h:1', publisherId: 'contoso-cn', action: 'export', fields: [] });
    const names = await keyNames();
    for (const value of DEMO_PERSONAL_VALUES) {
      assert.ok(!names.some((name) => name.toLowerCase().includes(value.toLowerCase())), `a key name holds ${value}`);
    }
    assert.ok(names.includes(`${prefix}pub:{contoso-cn}`));
    assert.ok(names.includes(`${prefix}audit:{contoso-cn}`));
    assert.ok(names.includes(`${prefix}audit-seq:{contoso-cn}`));
  });

  it('leaves no index entry and no publisher data after a delete', async () => {
    const engine = required(store);
    await engine.publishers.put(demoPublisher(), 'new');
    await engine.publishers.delete('contoso-cn', 1);
    assert.deepEqual(await keyNames(), []);
  });

  it('within a turn, a save of the version read keeps the look-ups right: an account change still moves the index', async () => {
    const engine = required(store);
    await engine.publishers.put(demoPublisher('turn-pub', [{ upn: 'old@example.cn', objectId: 'oid-old', role: 'admin' }]), 'new');
    // A contact change (same accounts), then an account change, each written with the version the turn read.
    for (const change of [
      (p: Publisher): Publisher => ({ ...p, companyName: '改名后的公司' }),
      (p: Publisher): Publisher => ({ ...p, aadAccounts: [{ upn: 'new@example.cn', objectId: 'oid-new', role: 'admin' }] }),
    ]) {
      const turn = engine.publishers.forTurn();
      const read = required(await turn.get('turn-pub'));
      await turn.put(change(read.publisher), read.version);
    }
    assert.deepEqual(await engine.publishers.findByAadObjectId('oid-new'), ['turn-pub']);
    assert.deepEqual(await engine.publishers.findByUpn('new@example.cn'), ['turn-pub']);
    assert.deepEqual(await engine.publishers.findByAadObjectId('oid-old'), []);
    assert.equal(await client.sCard(`${prefix}idx:oid:${createHash('sha256').update('oid:oid-old').digest('hex')}`), 0, 'the old entry went');
    assert.equal(required(await engine.publishers.get('turn-pub')).publisher.companyName, '改名后的公司');
  });

  it('stores key-value entries with a PX expiry only when asked', async () => {
    const engine = required(store);
    await engine.kv.put('short', 1, { ttlMs: 60_000 });
    await engine.kv.put('long', 1);
    assert.ok((await client.pTTL(`${prefix}kv:short`)) > 0);
    assert.equal(await client.pTTL(`${prefix}kv:long`), -1);
    await engine.kv.put('short', 2);
    assert.equal(await client.pTTL(`${prefix}kv:short`), -1);
  });

  it('answers ping while connected and rejects it once closed', async () => {
    const engine = required(store);
    await engine.ping();
    await engine.close();
    await assert.rejects(engine.ping());
  });
});

describe('openStore for redis when nothing answers', () => {
  // Reconnecting forever would hang here until mocha's timeout fails the test.
  it('fails fast with a message naming REDIS_URL, without leaking the password', async () => {
    await assert.rejects(
      openStore({ store: 'redis', dataDir: '', redisUrl: 'redis://:s3cret@127.0.0.1:1' }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /REDIS_URL/);
        assert.doesNotMatch(error.message, /s3cret/);
        return true;
      },
    );
  });
});

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('opened in beforeEach');
  return value;
}
