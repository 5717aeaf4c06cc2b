/**
 * Retention limits at the storage level, on both engines: conversation state and binding codes expire
 * by the store's own expiry, old audit entries go by applyAuditRetention. (End to end: retentionServer.test.ts.)
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { createClient, type RedisClientType } from 'redis';
import sinon from 'sinon';
import { applyAuditRetention } from '../../src/service/retention';
import { CODE_TTL_MS, WechatBindings } from '../../src/service/wechatBindings';
import { BotStateStorage } from '../../src/bot/botStateStorage';
import type { AuditEntry } from '../../src/store/types';
import { redisUrl, requireRedis } from '../helpers/redis';
import { TEST_AUDIT_SALT, assertLifetimes, kvLifetimes, lifetimesOf, markerPublisher, openEngine, type EngineUnderTest } from '../helpers/residue';
import { newOpenid } from '../helpers/wechat';

const DAY = 86_400_000;
const MINUTE = 60_000;
const CONVERSATION = 'msteams/conversations/a:retention/';
const USER = 'msteams/users/29:retention/';

function auditEntry(publisherId: string, at: Date, action = 'export'): AuditEntry {
  return { at: at.toISOString(), actor: 'operator', publisherId, action, fields: [] };
}

describe('Retention: conversation state at the storage level (embedded, on a fake clock)', () => {
  let engine: EngineUnderTest;
  let clock: sinon.SinonFakeTimers;
  beforeEach(async () => {
    engine = await openEngine('embedded');
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
  });
  afterEach(async () => {
    clock.restore();
    await engine.dispose();
  });

  it('expires conversation state after the configured idle time, renews it on every write, and keeps user state', async () => {
    const storage = new BotStateStorage(engine.store.kv, { conversationTtlMs: 30 * MINUTE });
    await storage.write({ [CONVERSATION]: { step: 1, eTag: '*' }, [USER]: { locale: 'zh-CN', eTag: '*' } });
    clock.tick(30 * MINUTE - 1_000);
    assert.ok((await storage.read([CONVERSATION]))[CONVERSATION], 'still there just before the limit');
    await storage.write({ [CONVERSATION]: { step: 2, eTag: '*' } });
    clock.tick(30 * MINUTE - 1_000);
    assert.ok((await storage.read([CONVERSATION]))[CONVERSATION], 'a write renewed it');
    clock.tick(2_000);
    assert.deepEqual(await storage.read([CONVERSATION]), {}, 'gone after 30 idle minutes');
    assert.ok((await storage.read([USER]))[USER], 'user state does not expire with the conversation');
  });
});

describe('Retention: conversation state at the storage level (redis)', function () {
  let engine: EngineUnderTest;
  before(async function () {
    await requireRedis(this);
  });
  beforeEach(async () => (engine = await openEngine('redis')));
  afterEach(async () => engine?.dispose());

  it('gives conversation state a Redis expiry of the configured idle time, renewed by a write; user state none', async () => {
    const storage = new BotStateStorage(engine.store.kv, { conversationTtlMs: 30 * MINUTE });
    await storage.write({ [CONVERSATION]: { step: 1, eTag: '*' }, [USER]: { locale: 'zh-CN', eTag: '*' } });
    let lifetimes = await kvLifetimes(engine);
    assertLifetimes(lifetimesOf(lifetimes, `state:${CONVERSATION}`), 30 * MINUTE, 'conversation state');
    assert.equal(lifetimes.get(`state:${USER}`), undefined);

    // As if 29 minutes had passed: a write starts the idle time again.
    const client: RedisClientType = createClient({ url: redisUrl() });
    client.on('error', () => undefined);
    await client.connect();
    await client.pExpire(`${engine.env.REDIS_KEY_PREFIX!}kv:state:${CONVERSATION}`, MINUTE);
    await client.close();
    await storage.write({ [CONVERSATION]: { step: 2, eTag: '*' } });
    lifetimes = await kvLifetimes(engine);
    assertLifetimes(lifetimesOf(lifetimes, `state:${CONVERSATION}`), 30 * MINUTE, 'renewed conversation state');
  });

  it('lets Redis delete conversation state once its idle time is over', async () => {
    const storage = new BotStateStorage(engine.store.kv, { conversationTtlMs: 50 });
    await storage.write({ [CONVERSATION]: { step: 1, eTag: '*' } });
    for (let i = 0; i < 100 && Object.keys(await storage.read([CONVERSATION])).length > 0; i++) await delay(20);
    assert.deepEqual(await storage.read([CONVERSATION]), {});
  });
});

describe('Retention: binding codes (embedded, on a fake clock)', () => {
  let engine: EngineUnderTest;
  let clock: sinon.SinonFakeTimers;
  beforeEach(async () => {
    engine = await openEngine('embedded');
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
  });
  afterEach(async () => {
    clock.restore();
    await engine.dispose();
  });

  it('accepts a code until CODE_TTL_MS (10 minutes) after it was issued, not after', async () => {
    assert.equal(CODE_TTL_MS, 10 * MINUTE);
    const mp = markerPublisher();
    await engine.store.publishers.put(mp.publisher, 'new');
    const bindings = new WechatBindings(engine.store.kv, engine.store.audit, TEST_AUDIT_SALT);
    const actor = { publisherId: mp.publisher.id, role: 'admin' as const, actorId: 'aad:x', identity: { channel: 'aad' as const, objectId: mp.admin.objectId } };
    const early = await bindings.issueCode(actor);
    const late = await bindings.issueCode(actor);
    assert.equal(early.expiresAt.getTime() - Date.now(), CODE_TTL_MS);
    clock.tick(CODE_TTL_MS - 1_000);
    assert.equal((await bindings.bind(newOpenid(), early.code)).kind, 'bound');
    clock.tick(2_000);
    assert.deepEqual(await bindings.bind(newOpenid(), late.code), { kind: 'invalid', attemptsLeft: 4 });
  });
});

describe('Retention: audit entries (applyAuditRetention)', () => {
  for (const engineName of ['embedded', 'redis'] as const) {
    describe(engineName, () => {
      let engine: EngineUnderTest;
      before(async function () {
        if (engineName === 'redis') await requireRedis(this);
      });
      beforeEach(async () => (engine = await openEngine(engineName)));
      afterEach(async () => engine?.dispose());

      it('removes entries older than the retention period from every publisher and keeps the rest', async () => {
        const now = new Date();
        for (const id of ['pub-a', 'pub-b']) {
          await engine.store.audit.append(auditEntry(id, new Date(now.getTime() - 1096 * DAY), 'import'));
          await engine.store.audit.append(auditEntry(id, new Date(now.getTime() - 1094 * DAY)));
          await engine.store.audit.append(auditEntry(id, now));
        }
        assert.equal(await applyAuditRetention(engine.store, 1095, now), 2);
        for (const id of ['pub-a', 'pub-b']) {
          assert.deepEqual((await engine.store.audit.list(id)).map((entry) => entry.at), [now.toISOString(), new Date(now.getTime() - 1094 * DAY).toISOString()]);
        }
        assert.equal(await applyAuditRetention(engine.store, 1095, now), 0);
      });
    });
  }
});
