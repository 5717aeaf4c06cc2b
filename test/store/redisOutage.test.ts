/**
 * The Redis engine when Redis goes away, against a redis-server of the test's own (never the shared
 * one): down (SIGKILL) and hung (SIGSTOP). Every command fails within its deadline as
 * StoreUnavailableError, a write refused during the outage is not applied when Redis is back, and
 * the same engine works again afterwards without reopening.
 *
 * No wall-clock assertion: each command must settle before mocha's timeout (10 s here), which a
 * command without a deadline (node-redis would wait for the reconnect, minutes) cannot.
 */
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { createRedisStore, type RedisStore } from '../../src/store/redis/redisStore';
import { StoreUnavailableError } from '../../src/store/types';
import { answersPing, SpareRedis, waitUntil } from '../helpers/redisServer';
import { demoPublisher } from './demoPublisher';

const DEADLINE_MS = 400;

describe('redis engine during an outage', function () {
  this.timeout(10_000);
  let redis: SpareRedis;
  let store: RedisStore;

  before(async function () {
    this.timeout(30_000);
    redis = await SpareRedis.start();
  });
  beforeEach(async () => {
    if (!(await answersPing(redis.port))) await redis.launch();
    store = await createRedisStore({ url: redis.url, keyPrefix: 'outage:', commandTimeoutMs: DEADLINE_MS });
  });
  afterEach(async () => {
    redis.resume();
    await store.close();
  });
  after(async () => {
    await redis.stop();
  });

  /** What the server itself holds under `key` (a client of its own, not the engine under test). */
  async function rawExists(key: string): Promise<number> {
    const client = createClient({ url: redis.url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await client.exists(key);
    } finally {
      await client.close();
    }
  }

  async function answersAgain(): Promise<void> {
    await waitUntil(() => store.ping().then(() => true, () => false), 'the engine answers PING again');
  }

  it('refuses every kind of command at once while Redis is down, then works again without reopening', async () => {
    // A deadline longer than the restart below: only a command refused at once (no offline queue)
    // stays unapplied; one held for the reconnect would land on the restarted server.
    const patient = await createRedisStore({ url: redis.url, keyPrefix: 'outage:', commandTimeoutMs: 8_000 });
    try {
      await patient.kv.put('before', 1);
      await redis.kill();
      const issued = Promise.allSettled([
        patient.kv.put('during', 'late?'),
        patient.kv.get('before'),
        patient.kv.increment('hits', 60_000),
        patient.kv.keys(''),
        patient.publishers.put(demoPublisher(), 'new'),
        patient.publishers.findByUpn('someone@example.com'),
        patient.audit.append({ at: new Date().toISOString(), actor: 'h:1', publisherId: 'contoso-cn', action: 'export', fields: [] }),
        patient.ping(),
      ]);
      await redis.launch();
      const refusals = await issued;
      assert.deepEqual(
        refusals.map((r) => (r.status === 'rejected' && r.reason instanceof StoreUnavailableError ? 'unavailable' : r.status)),
        Array.from({ length: 8 }, () => 'unavailable'),
      );
      await waitUntil(() => patient.ping().then(() => true, () => false), 'the engine answers PING again');
      assert.equal(await patient.kv.get('during'), undefined, 'the refused write was not queued and applied on reconnect');
      assert.equal(await rawExists('outage:kv:during'), 0);
      assert.equal(await rawExists('outage:pub:{contoso-cn}'), 0);
      assert.ok((await patient.kv.put('after', 2)) !== undefined, 'the same engine writes again');
      assert.equal((await patient.kv.get('after'))?.value, 2);
    } finally {
      await patient.close();
    }
  });

  it('fails a command within its deadline while Redis hangs, and does not apply the write when it resumes', async () => {
    await store.publishers.put(demoPublisher(), 'new');
    redis.pause();
    const during = await Promise.allSettled([
      store.kv.put('during-hang', 'late?'),
      store.publishers.put({ ...demoPublisher(), companyName: 'Written too late' }, 1),
      store.publishers.get('contoso-cn'),
      store.ping(),
    ]);
    assert.deepEqual(
      during.map((r) => (r.status === 'rejected' && r.reason instanceof StoreUnavailableError ? 'unavailable' : r.status)),
      ['unavailable', 'unavailable', 'unavailable', 'unavailable'],
    );

    redis.resume();
    await answersAgain();
    // The bytes were already on the server's socket: the scripts' deadline fence refused them.
    assert.equal(await rawExists('outage:kv:during-hang'), 0, 'the write sent before the hang was not applied after it');
    const stored = await store.publishers.get('contoso-cn');
    assert.equal(stored?.version, 1);
    assert.equal(stored.publisher.companyName, demoPublisher().companyName);
    assert.ok((await store.kv.put('after-hang', 3)) !== undefined, 'the same engine writes again');
  });
});
