/**
 * Issue 9 item 9: a stranger who talks to the bot (a Teams user on no publisher's list, a WeChat
 * openid with no binding) leaves no state behind; an authorized user's preferences expire after
 * USER_STATE_TTL_DAYS. Checked in the real server's data directory after real HTTP turns.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { createEmbeddedStore, type EmbeddedStore } from '../../src/store/embedded/embeddedStore';
import { translator } from '../../src/i18n';
import { USERS } from '../helpers/fixtures';
import { FakeConnector, HttpChannel, RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';
import { cardText, type Card } from '../helpers/chat';

const DAY_MS = 86_400_000;

describe('state for strangers (real server, embedded store)', function () {
  this.timeout(90_000);
  let server: RunningServer;
  let connector: FakeConnector;
  let store: EmbeddedStore;

  before(async () => {
    connector = await FakeConnector.start();
    server = await RunningServer.start(wechatEnv('plain', { USER_STATE_TTL_DAYS: '7' }));
    // A second engine on the server's directory, as a second bot instance would open it.
    store = await createEmbeddedStore(server.dataDir, { sweepIntervalMs: 0 });
  });
  after(async () => {
    await store.close();
    await server.stop();
    await connector.stop();
  });

  /** The expiry of a bot-state entry, in days from now, read from its file. */
  async function daysToExpiry(key: string): Promise<number> {
    const record = JSON.parse(await fs.readFile(store.layout.kvFile(key), 'utf8')) as { expiresAt?: number };
    assert.ok(record.expiresAt !== undefined, `${key} never expires`);
    return (record.expiresAt - Date.now()) / DAY_MS;
  }

  it('a Teams user on no publisher list is refused and leaves no state', async () => {
    const channel = new HttpChannel(server, USERS.stranger, 'en-US', connector);
    const replies = await channel.say('menu');
    assert.ok(cardText(replies.at(-1)?.attachments?.[0]?.content as Card).includes(translator('en-US')('access.denied')));
    await channel.say('language');
    await channel.execute('menu', {});
    assert.deepEqual(await store.kv.keys('state:'), []);
  });

  it('a WeChat openid with no binding is told how to bind and leaves no state', async () => {
    const peer = wechatPeer(server, 'plain');
    const openid = newOpenid();
    assert.match((await peer.sendText(openid, '菜单')).text, /尚未绑定/);
    assert.match((await peer.sendText(openid, 'English')).text, /尚未绑定/);
    assert.match((await peer.sendText(openid, '绑定 000000')).text, /无效或已过期/);
    assert.deepEqual(await store.kv.keys('state:'), []);
  });

  it('an authorized user gets state, and their preferences expire after USER_STATE_TTL_DAYS', async () => {
    const channel = new HttpChannel(server, USERS.admin, 'zh-CN', connector);
    await channel.say('菜单');
    const keys = await store.kv.keys('state:');
    const userKey = keys.find((key) => key.includes('/users/'));
    const conversationKey = keys.find((key) => key.includes('/conversations/'));
    assert.ok(userKey && conversationKey, `state kept for the admin: ${keys.join(', ')}`);
    const days = await daysToExpiry(userKey);
    assert.ok(days > 6.9 && days <= 7, `user state expires in ${days} days, not 7`);
    assert.ok((await daysToExpiry(conversationKey)) < 1, 'conversation state keeps its own, shorter expiry');
  });

  it('a bound WeChat user gets state (the same check can see it)', async () => {
    const peer = wechatPeer(server, 'plain');
    const openid = newOpenid();
    const before = new Set(await store.kv.keys('state:'));
    await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
    assert.match((await peer.sendText(openid, '菜单')).text, /回复 1/);
    const added = (await store.kv.keys('state:')).filter((key) => !before.has(key));
    assert.ok(added.some((key) => key.startsWith('state:wechat/users/')), `no user state for the bound user: ${added.join(', ')}`);
  });
});
