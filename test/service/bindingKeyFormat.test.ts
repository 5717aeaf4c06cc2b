/**
 * The stored form of a binding, pinned for both channels: key names, hashes and values are written
 * out literally here (not built from KEYSPACE or the hash functions), so a rename of a channel or a
 * namespace that would orphan every binding already stored fails this test.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../src/service/access';
import { WechatBindings } from '../../src/service/wechatBindings';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';

const SALT = 'pin-salt';
const OPENID = 'oPinOpenid0001';
const TEAMS_USER = '7e57a11d-0000-4000-8000-00000000c0de';
const ACCOUNT = 'acc0un70-0000-4000-8000-000000000001';
const AT = new Date('2026-12-01T08:00:00.000Z');

/** Every key-value entry that is not a guessing counter: key → value. */
async function bindingEntries(store: StoreEngine): Promise<Record<string, unknown>> {
  const entries: Record<string, unknown> = {};
  for (const key of await store.kv.keys('')) {
    if (/bind-(failures|wrong-guesses)/.test(key)) continue;
    entries[key] = (await store.kv.get(key))?.value;
  }
  return entries;
}

describe('Stored key format of bindings', () => {
  let dataDir: string;
  let store: StoreEngine;
  let bindings: WechatBindings;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-binding-keys-'));
    store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    bindings = new WechatBindings(store.kv, store.audit, SALT, () => AT);
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a WeChat binding by code: wechat:binding:<salted openid hash> and wechat:publisher-bindings:{publisher}', async () => {
    const actor: Actor = { publisherId: 'pub-1', role: 'admin', actorId: 'aad:issuer', identity: { channel: 'aad', objectId: ACCOUNT } };
    const { code } = await bindings.issueCode(actor);
    assert.deepEqual(Object.keys(await bindingEntries(store)), [`wechat:code:${code}`]);
    assert.equal((await bindings.bind(OPENID, code)).kind, 'bound');
    assert.deepEqual(await bindingEntries(store), {
      'wechat:binding:ae5ff6c2650555c070446298feab3b16': { openid: OPENID, publisherId: 'pub-1', issuedBy: 'aad:issuer', boundAt: AT.toISOString() },
      'wechat:publisher-bindings:{pub-1}': ['ae5ff6c2650555c070446298feab3b16'],
    });
    assert.deepEqual((await store.audit.list('pub-1')).map((entry) => entry.action).sort(), ['wechat.bind', 'wechat.code.issue']);
  });

  it('a Teams user linked by sign-in: teams:binding:<salted objectId hash> and teams:publisher-bindings:{publisher}', async () => {
    await bindings.forChannel('teams').link(TEAMS_USER, 'pub-1', ACCOUNT);
    const [entry] = await store.audit.list('pub-1');
    assert.ok(entry?.action === 'teams.link', JSON.stringify(entry));
    assert.deepEqual(await bindingEntries(store), {
      'teams:binding:b6f464762bb24284d025a5f1602a18ed': { openid: TEAMS_USER, publisherId: 'pub-1', issuedBy: entry.actor, boundAt: AT.toISOString(), via: 'signin' },
      'teams:publisher-bindings:{pub-1}': ['b6f464762bb24284d025a5f1602a18ed'],
    });
  });

  it('a WeChat user linked by sign-in shares the code binding keys; unlinking is audited per channel', async () => {
    await bindings.link(OPENID, 'pub-1', ACCOUNT);
    assert.deepEqual(Object.keys(await bindingEntries(store)).sort(), ['wechat:binding:ae5ff6c2650555c070446298feab3b16', 'wechat:publisher-bindings:{pub-1}']);
    await bindings.unbind(OPENID);
    await bindings.forChannel('teams').link(TEAMS_USER, 'pub-1', ACCOUNT);
    await bindings.forChannel('teams').unbind(TEAMS_USER);
    assert.deepEqual(await bindingEntries(store), {});
    assert.deepEqual((await store.audit.list('pub-1')).map((e) => e.action).sort(), ['teams.link', 'teams.unlink', 'wechat.link', 'wechat.unlink']);
  });
});
