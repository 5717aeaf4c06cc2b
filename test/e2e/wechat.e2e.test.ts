/** The WeChat official account end to end: signed (and encrypted) XML posted to the real server. */
import assert from 'node:assert/strict';
import { openStore } from '../../src/store/openStore';
import { USERS, homePublisher } from '../helpers/fixtures';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { HttpChannel, RunningServer } from '../helpers/server';
import { bindingCode, newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';
import { FakeWechatApi } from '../wechat/fakeWechatApi';

for (const mode of ['plain', 'aes'] as const) {
  describe(`WeChat end to end (${mode === 'aes' ? 'safe mode, AES' : 'plaintext mode'})`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    before(async () => (server = await RunningServer.start(wechatEnv(mode))));
    after(async () => server.stop());

    it('answers the URL check with the echostr as plain text, and refuses a bad signature', async () => {
      const peer = wechatPeer(server, mode);
      const { query } = peer.sign('');
      query.set('echostr', '1234567890123');
      const ok = await fetch(`${server.url}/wechat?${query.toString()}`);
      assert.equal(ok.status, 200);
      assert.equal(await ok.text(), '1234567890123');
      query.set('signature', '0'.repeat(40));
      assert.equal((await fetch(`${server.url}/wechat?${query.toString()}`)).status, 400);
    });

    it('shows an unbound user only how to bind, then binds with a one-time code', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      assert.match((await peer.sendText(openid, '菜单')).text, /尚未绑定/);
      assert.match((await peer.sendText(openid, '产品')).text, /尚未绑定/);
      const code = await bindingCode(server);
      assert.match((await peer.sendText(openid, `绑定 ${code}`)).text, /已绑定到上海云帆信息技术有限公司/);
      // Single use: a second user cannot bind with the same code.
      assert.match((await peer.sendText(newOpenid(), `绑定 ${code}`)).text, /无效或已过期/);
    });

    it('does every task through numbered menus, field-by-field forms and typed confirmations (Chinese)', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      const say = async (text: string) => (await peer.sendText(openid, text)).text;

      const menu = await say('菜单');
      assert.match(menu, /回复 1：联系信息/);
      // The contact view numbers "删除联系人" beside each contact first, then "修改".
      const edit = /王晓明[\s\S]*回复 (\d+)：修改/.exec(await say('1'))?.[1];
      assert.ok(edit, 'the contact view offers 修改');

      // Edit the second contact's phone: pick the contact, then one question at a time, current values masked.
      let answer = await say(edit);
      assert.match(answer, /请选择要修改的部分：\n回复 1：公司信息\n回复 2：联系人 1（王晓明）\n回复 3：联系人 2（李娜）\n回复 4：新联系人/);
      answer = await say('3');
      assert.match(answer, /第 1\/3 项\n请输入联系人 2 · 姓名/, 'only the chosen contact is asked');
      answer = await say('=');
      assert.match(answer, /当前：021-\*\*\*\*4567/, 'the current phone is shown masked');
      answer = await say('abc');
      assert.match(answer, /没有输入数字/, 'the bad phone is refused at once, saying why');
      assert.match(answer, /第 2\/3 项\n请输入联系人 2 · 电话/, 'and asked again');
      answer = await say('021－61234599');
      answer = await say('=');
      assert.match(answer, /请核对以下内容[\s\S]*2\. 联系人 2 · 电话：021-61234599/);
      answer = await say('保存');
      assert.match(answer, /已保存。修改了：李娜 · 电话/);
      assert.match(answer, /021-61234599/);

      // Offers: delete one, confirmed by typing the word the prompt shows.
      answer = await say('产品');
      const viewManagedDb = /回复 (\d+)：删除\n*\s*$/.test(answer) ? undefined : answer;
      assert.ok(viewManagedDb);
      const deleteNumber = [...answer.matchAll(/回复 (\d+)：删除/g)].at(-1)?.[1];
      answer = await say(deleteNumber ?? '');
      assert.match(answer, /确定删除这个产品吗/);
      assert.match(answer, /回复“确认删除”/);
      assert.match(await say('2'), /未确认，没有删除任何内容/, 'anything but the word cancels');
      answer = await say('产品');
      const offersBefore = [...answer.matchAll(/回复 (\d+)：删除/g)].length;
      answer = await say([...answer.matchAll(/回复 (\d+)：删除/g)].at(-1)?.[1] ?? '');
      answer = await say('确认删除');
      assert.match(answer, /删除回执[\s\S]*回执编号/);
      answer = await say('产品');
      assert.equal([...answer.matchAll(/回复 (\d+)：删除/g)].length, offersBefore - 1);

      // Request records and the export (paged: "更多").
      assert.match(await say('申请记录'), /申请记录[\s\S]*第 1\/1 页/);
      answer = await say('导出');
      // The export is a summary per category, never the JSON (no PUBLIC_BASE_URL here: no link).
      assert.match(answer, /您的数据导出[\s\S]*产品及其客服信息/);
      assert.doesNotMatch(answer, /publisher-privacy-export/);
      assert.ok(Buffer.byteLength(answer) <= 2000, 'every reply stays within 2,000 bytes');

      // AAD accounts can be viewed.
      assert.match(await say('账号'), /alexw@example\.com/);
    });

    it('speaks English after "language", and takes English commands', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      // An English command word is answered in English at once (WeChat sends no locale).
      const choose = (await peer.sendText(openid, 'language')).text;
      const english = /Reply (\d+): English/.exec(choose)?.[1];
      assert.ok(english, choose);
      assert.match((await peer.sendText(openid, english)).text, /I'll speak English from now on[\s\S]*Reply 1: Contact information/);
      assert.match((await peer.sendText(openid, 'records')).text, /Request records/);
      assert.match((await peer.sendText(openid, 'unbind')).text, /no longer linked\. Receipt ID: [0-9a-f-]{36}/);
      // Unbound, the openid is a stranger again: its preferences went with the binding (issue 9 item 9).
      // Words of no language are answered in Chinese: nothing English was remembered for the stranger.
      assert.match((await peer.sendText(openid, '你好')).text, /尚未绑定/);
      // An English command is answered in English, decided from that message alone.
      assert.match((await peer.sendText(openid, 'menu')).text, /not linked to a publisher/);
    });

    it('welcomes a new follower, opens the menu from a menu click, and drops the session on unfollow', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      assert.match((await peer.sendEvent(openid, 'subscribe')).text, /欢迎关注服务商隐私助手[\s\S]*尚未绑定/);
      await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      assert.match((await peer.sendEvent(openid, 'CLICK', 'menu')).text, /回复 1：联系信息/);
      assert.match((await peer.sendEvent(openid, 'CLICK', '产品')).text, /云帆备份服务器/);
      const unfollow = await peer.sendEvent(openid, 'unsubscribe');
      assert.equal(unfollow.status, 200);
      // The numbered menu of the dropped session is gone: "1" no longer picks an offer.
      assert.match((await peer.sendText(openid, '1')).text, /没有理解您的意思/);
    });

    it('processes a retried message once and answers it the same', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      const first = await peer.sendText(openid, '帮助', '88880000000000000001');
      const retry = await peer.sendText(openid, '帮助', '88880000000000000001');
      assert.equal(retry.text, first.text);
      assert.match(first.text, /我能帮您做什么/);
    });

    it('answers a retry with the same signed URL the same, and refuses that URL carrying another message', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      const signed = peer.sign(peer.messageXml(openid, { MsgType: 'text', Content: '帮助', MsgId: '66660000000000000001' }));
      const first = await peer.postRaw(signed.query, signed.body);
      assert.match(first.text, /我能帮您做什么/);
      // WeChat's retry: the very same query string and body.
      const retry = await peer.postRaw(signed.query, signed.body);
      assert.equal(retry.status, 200);
      assert.equal(retry.text, first.text);

      // The captured URL with another message (another openid guessing a code): refused, not processed.
      const attacker = newOpenid();
      const replayed = peer.sign(peer.messageXml(attacker, { MsgType: 'text', Content: `绑定 ${await bindingCode(server)}`, MsgId: '66660000000000000002' }));
      const replay = await peer.postRaw(signed.query, replayed.body);
      assert.equal(replay.status, 400);
      assert.match((await peer.sendText(attacker, '菜单')).text, /尚未绑定/, 'the replayed bind did not happen');
    });

    it('refuses forged, stale, oversized and hostile requests, and changes nothing', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      const code = await bindingCode(server);
      const message = peer.messageXml(openid, { MsgType: 'text', Content: `绑定 ${code}`, MsgId: '777' });

      const forged = peer.sign(message);
      forged.query.set(mode === 'aes' ? 'msg_signature' : 'signature', 'f'.repeat(40));
      assert.equal((await peer.postRaw(forged.query, forged.body)).status, 400);

      const stale = wechatPeer(server, mode, { now: () => Date.now() - 3_600_000 });
      assert.equal((await stale.post(message)).status, 400);

      const big = peer.sign(peer.messageXml(openid, { MsgType: 'text', Content: 'x'.repeat(70 * 1024), MsgId: '778' }));
      assert.equal((await peer.postRaw(big.query, big.body)).status, 413);

      const doctype = peer.sign(`<!DOCTYPE xml [<!ENTITY x "y">]>${message}`);
      assert.equal((await peer.postRaw(doctype.query, doctype.body)).status, 400);

      if (mode === 'aes') {
        const otherApp = wechatPeer(server, mode, { appId: 'wxffffffffffffffff' });
        assert.equal((await otherApp.post(message)).status, 400, 'a ciphertext for another appid is refused');
      } else {
        const malformed = peer.sign('<xml><ToUserName>');
        assert.equal((await peer.postRaw(malformed.query, malformed.body)).status, 400);
      }
      // None of them used the code: it still binds.
      assert.match((await peer.sendText(openid, `绑定 ${code}`)).text, /已绑定/);
    });

    it('locks binding for an openid after five wrong codes', async () => {
      const peer = wechatPeer(server, mode);
      const openid = newOpenid();
      for (let attempt = 1; attempt <= 4; attempt++) assert.match((await peer.sendText(openid, '绑定 000000')).text, /还可以尝试 \d 次/);
      assert.match((await peer.sendText(openid, '绑定 000000')).text, /锁定 1 小时/);
      const code = await bindingCode(server);
      assert.match((await peer.sendText(openid, `绑定 ${code}`)).text, /锁定 1 小时/, 'even a good code is refused while locked');
      assert.match((await peer.sendText(newOpenid(), `绑定 ${code}`)).text, /已绑定/, 'the code itself was not used up');
    });
  });
}

describe('WeChat: the 5-second rule', function () {
  this.timeout(60_000);

  it('answers "success" when a turn runs late and delivers the answer by customer-service message', async () => {
    const api = new FakeWechatApi();
    const apiUrl = await api.start();
    const server = await RunningServer.start(wechatEnv('aes', { WECHAT_APP_SECRET: 'secret-for-test', WECHAT_API_BASE_URL: apiUrl, WECHAT_REPLY_BUDGET_MS: '1' }));
    try {
      const peer = wechatPeer(server, 'aes');
      const openid = newOpenid();
      const bound = await peer.sendText(openid, `绑定 ${await bindingCode(server)}`);
      assert.equal(bound.raw, 'success', 'the raw body is success, not a JSON string');
      await waitFor(() => api.sendCalls.length >= 1);
      const [call] = api.sendCalls;
      assert.equal(call?.body.touser, openid);
      assert.match(JSON.stringify(call?.body.text), /已绑定到/);
      assert.equal(api.tokenCalls.length, 1);
    } finally {
      await server.stop();
      await api.stop();
    }
  });

  it('keeps Teams working beside WeChat', async () => {
    const server = await RunningServer.start(wechatEnv('plain'));
    try {
      const replies = await new HttpChannel(server, USERS.admin, 'en-US').say('menu');
      assert.match(JSON.stringify(replies), /Link WeChat/);
    } finally {
      await server.stop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('WeChat on two instances sharing Redis', function () {
  this.timeout(60_000);
  before(async function () {
    await requireRedis(this);
  });

  it('processes a retry that reaches the other instance once, with the same answer', async () => {
    const prefix = randomKeyPrefix('wechat');
    const store = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
    await store.publishers.put(homePublisher, 'new');
    const env = wechatEnv('aes', { STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, PUBLIC_BASE_URL: 'https://bot.example.cn' });
    const [first, second] = await Promise.all([RunningServer.start(env), RunningServer.start(env)]);
    try {
      const openid = newOpenid();
      await wechatPeer(first, 'aes').sendText(openid, `绑定 ${await bindingCode(first)}`);
      const original = await wechatPeer(first, 'aes').sendText(openid, '导出', '99990000000000000001');
      const retry = await wechatPeer(second, 'aes').sendText(openid, '导出', '99990000000000000001');
      assert.match(original.text, /https:\/\/bot\.example\.cn\/exports\//);
      assert.equal(retry.text, original.text);
      const exports = (await store.audit.list(homePublisher.id)).filter((entry) => entry.action === 'export');
      assert.equal(exports.length, 1, 'the export ran once');
    } finally {
      await Promise.all([first?.stop(), second?.stop()]);
      await store.close();
      await deleteKeysWithPrefix(prefix);
    }
  });

  it('refuses a signed URL replayed to the other instance with another message, and answers its retry there', async () => {
    const prefix = randomKeyPrefix('wechat-replay');
    const store = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
    await store.publishers.put(homePublisher, 'new');
    // Plaintext mode: the signature does not cover the body, which is what a replay exploits.
    const env = wechatEnv('plain', { STORE: 'redis', REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix, PUBLIC_BASE_URL: 'https://bot.example.cn' });
    const [first, second] = await Promise.all([RunningServer.start(env), RunningServer.start(env)]);
    try {
      const peer = wechatPeer(first, 'plain');
      const openid = newOpenid();
      await peer.sendText(openid, `绑定 ${await bindingCode(first)}`);
      const signed = peer.sign(peer.messageXml(openid, { MsgType: 'text', Content: '导出', MsgId: '99990000000000000002' }));
      const original = await peer.postRaw(signed.query, signed.body);
      const retry = await wechatPeer(second, 'plain').postRaw(signed.query, signed.body);
      assert.equal(retry.status, 200);
      assert.equal(retry.text, original.text);
      const other = peer.messageXml(newOpenid(), { MsgType: 'text', Content: `绑定 ${await bindingCode(first)}`, MsgId: '99990000000000000003' });
      assert.equal((await wechatPeer(second, 'plain').postRaw(signed.query, other)).status, 400);
      const exports = (await store.audit.list(homePublisher.id)).filter((entry) => entry.action === 'export');
      assert.equal(exports.length, 1, 'the export ran once');
      assert.equal((await store.audit.list(homePublisher.id)).filter((entry) => entry.action === 'wechat.bind').length, 1, 'the replayed bind did not happen');
    } finally {
      await Promise.all([first?.stop(), second?.stop()]);
      await store.close();
      await deleteKeysWithPrefix(prefix);
    }
  });
});
