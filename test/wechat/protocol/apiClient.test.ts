import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../../src/store/openStore';
import type { KeyValueStore, StoreEngine } from '../../../src/store/types';
import { WechatApiClient, type WechatApiClientOptions } from '../../../src/wechat/protocol/apiClient';
import { WechatApiError } from '../../../src/wechat/protocol/errors';
import { FakeWechatApi } from '../fakeWechatApi';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'app-secret-0123456789';
const OPENID = 'oUser-openid-123';
const TOKEN_KEY = `wechat:access-token:${APP_ID}`;

describe('wechat/apiClient (against a local fake WeChat API, on the embedded store)', () => {
  let fake: FakeWechatApi;
  let baseUrl: string;
  let dataDir: string;
  let stores: StoreEngine[];

  beforeEach(async () => {
    fake = new FakeWechatApi();
    baseUrl = await fake.start();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'wechat-api-'));
    stores = [];
  });

  afterEach(async () => {
    await fake.stop();
    for (const store of stores) await store.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  /** A bot instance: its own store handle on the shared data directory, its own client. */
  async function instance(
    options: Partial<WechatApiClientOptions> = {},
  ): Promise<{ client: WechatApiClient; kv: KeyValueStore }> {
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: '' });
    stores.push(store);
    const client = new WechatApiClient({
      appId: APP_ID,
      appSecret: SECRET,
      kv: store.kv,
      baseUrl,
      lockPollMs: 20,
      ...options,
    });
    return { client, kv: store.kv };
  }

  async function rejectsWith(promise: Promise<unknown>, check: (error: WechatApiError) => void): Promise<void> {
    await assert.rejects(promise, (error: unknown) => {
      assert.ok(error instanceof WechatApiError, String(error));
      check(error);
      return true;
    });
  }

  it('fetches the token once and shares it between instances through the store', async () => {
    const a = await instance();
    const b = await instance();
    await a.client.sendText(OPENID, '你好');
    await b.client.sendText(OPENID, 'again');
    assert.equal(fake.tokenCalls.length, 1);
    assert.deepEqual(fake.tokenCalls[0]!.body, {
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: SECRET,
      force_refresh: false,
    });
    assert.deepEqual(
      fake.sendCalls.map((call) => call.token),
      ['TOKEN-1', 'TOKEN-1'],
    );
    assert.deepEqual(fake.sendCalls[0]!.body, { touser: OPENID, msgtype: 'text', text: { content: '你好' } });
    const stored = await a.kv.get(TOKEN_KEY);
    assert.equal((stored?.value as { accessToken: string }).accessToken, 'TOKEN-1');
  });

  for (const errcode of [40001, 42001, 40014]) {
    it(`on errcode ${errcode} drops the token, force-refreshes and retries once with the new one`, async () => {
      const a = await instance();
      await a.client.sendText(OPENID, 'first');
      fake.revoke('TOKEN-1');
      fake.rejectWith = errcode;
      await a.client.sendText(OPENID, 'second');
      assert.deepEqual(
        fake.tokenCalls.map((call) => call.body.force_refresh),
        [false, true],
      );
      assert.deepEqual(
        fake.sendCalls.map((call) => call.token),
        ['TOKEN-1', 'TOKEN-1', 'TOKEN-2'],
      );
      const stored = await a.kv.get(TOKEN_KEY);
      assert.equal((stored?.value as { accessToken: string }).accessToken, 'TOKEN-2');
    });
  }

  it('retries only once: a second rejection is surfaced', async () => {
    const a = await instance();
    fake.sendAnswer = () => ({ json: { errcode: 40001, errmsg: 'invalid credential' } });
    await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => assert.equal(error.errcode, 40001));
    assert.equal(fake.sendCalls.length, 2);
    assert.equal(fake.tokenCalls.length, 2);
  });

  it('keeps a token another instance already put in place of the rejected one', async () => {
    const a = await instance();
    const b = await instance();
    await a.client.sendText(OPENID, 'first');
    fake.revoke('TOKEN-1');
    // While a's request with TOKEN-1 is being rejected, b (which saw the same rejection) refreshes.
    fake.beforeRejecting = async () => {
      fake.beforeRejecting = undefined;
      await b.client.accessToken('TOKEN-1');
    };
    await a.client.sendText(OPENID, 'second');
    assert.equal(fake.tokenCalls.length, 2, 'a did not refresh again on top of b');
    assert.deepEqual(
      fake.sendCalls.map((call) => call.token),
      ['TOKEN-1', 'TOKEN-1', 'TOKEN-2'],
    );
  });

  it('refreshes once when several instances need a token at the same time (lock)', async () => {
    fake.tokenDelayMs = 150;
    const clients = await Promise.all([instance(), instance(), instance()]);
    await Promise.all(clients.flatMap(({ client }) => [client.sendText(OPENID, '1'), client.sendText(OPENID, '2')]));
    assert.equal(fake.tokenCalls.length, 1);
    assert.ok(fake.sendCalls.every((call) => call.token === 'TOKEN-1'));
  });

  it('force-refreshes once when several instances see the token rejected at the same time', async () => {
    const clients = await Promise.all([instance(), instance(), instance()]);
    await clients[0].client.sendText(OPENID, 'warm up');
    fake.revoke('TOKEN-1');
    fake.tokenDelayMs = 150;
    await Promise.all(clients.map(({ client }) => client.sendText(OPENID, 'x')));
    assert.deepEqual(
      fake.tokenCalls.map((call) => call.body.force_refresh),
      [false, true],
    );
    assert.equal(fake.sendCalls.filter((call) => call.token === 'TOKEN-2').length, 3);
  });

  it('re-reads the store after taking the lock, so a late instance does not force-refresh on top of another', async () => {
    const a = await instance();
    await a.client.sendText(OPENID, 'warm up');
    const lockKey = `wechat:access-token-lock:${APP_ID}`;
    // b reaches for the lock only once a has refreshed and let go of it.
    const gatedKv: KeyValueStore = {
      get: (key) => a.kv.get(key),
      put: async (key, value, options) => {
        if (key === lockKey) {
          while ((await a.kv.get(lockKey)) !== undefined || fake.tokenCalls.length < 2) await sleep(10);
        }
        return a.kv.put(key, value, options);
      },
      delete: (key, ifEtag) => a.kv.delete(key, ifEtag),
      increment: (key, ttlMs) => a.kv.increment(key, ttlMs),
      keys: (prefix) => a.kv.keys(prefix),
    };
    const b = new WechatApiClient({ appId: APP_ID, appSecret: SECRET, kv: gatedKv, baseUrl, lockPollMs: 20 });
    fake.revoke('TOKEN-1');
    fake.tokenDelayMs = 100;
    await Promise.all([a.client.sendText(OPENID, 'a'), b.sendText(OPENID, 'b')]);
    assert.equal(fake.tokenCalls.length, 2);
    assert.equal(fake.sendCalls.filter((call) => call.token === 'TOKEN-2').length, 2);
  });

  it('gives up with an error when the refresh lock stays taken and no token appears', async () => {
    const a = await instance({ lockWaitMs: 100 });
    await a.kv.put(`wechat:access-token-lock:${APP_ID}`, { holder: 'a dead instance' }, { ttlMs: 60_000 });
    await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => assert.equal(error.details.path, '/cgi-bin/stable_token'));
    assert.equal(fake.tokenCalls.length, 0);
  });

  it('renews the token ahead of its expiry, in normal mode', async () => {
    let now = Date.now();
    const a = await instance({ now: () => now });
    await a.client.sendText(OPENID, 'x');
    now += (7200 - 4 * 60) * 1000;
    await a.client.sendText(OPENID, 'y');
    assert.deepEqual(
      fake.tokenCalls.map((call) => call.body.force_refresh),
      [false, false],
    );
  });

  describe('surfaces errors with the errcode, never the token, openid or secret', () => {
    it('a non-zero errcode from custom/send', async () => {
      const a = await instance();
      fake.sendAnswer = (call) => ({
        json: { errcode: 45015, errmsg: `response out of time limit for ${OPENID} with ${call.token ?? ''} rid: 2` },
      });
      await rejectsWith(a.client.sendText(OPENID, 'late'), (error) => {
        assert.equal(error.code, 'E-WECHAT-API');
        assert.equal(error.errcode, 45015);
        assert.equal(error.details.path, '/cgi-bin/message/custom/send');
        for (const text of [error.message, error.details.errmsg ?? '', JSON.stringify(error.details)]) {
          assert.ok(!text.includes(OPENID) && !text.includes('TOKEN-1'), text);
        }
        assert.match(error.details.errmsg ?? '', /out of time limit for \[redacted\] with \[redacted\]/);
      });
    });

    it('a token request WeChat refuses', async () => {
      const a = await instance();
      fake.tokenAnswer = (body) => ({ json: { errcode: 40125, errmsg: `invalid appsecret ${String(body.secret)}` } });
      await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => {
        assert.equal(error.errcode, 40125);
        assert.ok(!JSON.stringify({ message: error.message, ...error.details }).includes(SECRET));
      });
      assert.equal(fake.sendCalls.length, 0);
    });

    it('an HTTP error status', async () => {
      const a = await instance();
      fake.sendAnswer = () => ({ status: 502, json: {} });
      await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => assert.equal(error.details.httpStatus, 502));
    });

    it('an answer that is not JSON', async () => {
      const a = await instance();
      fake.sendAnswer = () => ({ json: null, raw: '<html>gateway</html>' });
      await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => assert.match(error.message, /not JSON/));
    });

    it('no answer at all', async () => {
      const a = await instance();
      await a.client.sendText(OPENID, 'warm up');
      await fake.stop();
      await rejectsWith(a.client.sendText(OPENID, 'x'), (error) => {
        assert.equal(error.details.networkCode, 'ECONNREFUSED');
        assert.ok(!error.message.includes('TOKEN-1'));
      });
    });
  });
});
