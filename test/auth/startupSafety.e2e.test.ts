/**
 * The real server as `npm start` runs it: without Bot Framework credentials it can be reached from
 * this machine only; a non-loopback address needs ALLOW_UNAUTHENTICATED=true. A changed AUDIT_SALT
 * stops start-up, saying how many WeChat bindings it would disconnect, until the change is confirmed.
 */
import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashActor } from '../../src/audit/actorHash';
import { demoPublisher, PLAYGROUND_USER } from '../../src/demo/demoPublisher';
import { WechatBindings } from '../../src/service/wechatBindings';
import { openStore } from '../../src/store/openStore';
import { RunningServer } from '../helpers/server';

/** This machine's first non-loopback IPv4 address: where a stranger on the network would connect. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
}

/** Whether GET /healthz answers on host:port (false when the connection is refused). */
async function answers(host: string, port: number): Promise<boolean> {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`;
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status === 200;
  } catch {
    return false;
  }
}

describe('start-up safety (real server process)', function () {
  this.timeout(90_000);
  const outside = outsideAddress();

  before(function () {
    if (outside) return;
    if (process.env.CI === 'true') throw new Error('CI=true: this machine has no non-loopback IPv4 address to test listening with');
    console.warn('SKIPPED: no non-loopback IPv4 address on this machine; the listen-address tests need one');
    this.skip();
  });

  it('listens on 127.0.0.1 and ::1 only when MicrosoftAppId is not set', async () => {
    const server = await RunningServer.start();
    try {
      assert.equal(await answers('127.0.0.1', server.port), true);
      assert.equal(await answers('::1', server.port), true);
      assert.equal(await answers(outside!, server.port), false, `reachable from ${outside}`);
      assert.match(server.output, /MicrosoftAppId is not set[^\n]*(loopback|127\.0\.0\.1)/i);
    } finally {
      await server.stop();
    }
  });

  it('refuses to listen on another address without credentials unless ALLOW_UNAUTHENTICATED=true, naming it', async () => {
    await assert.rejects(RunningServer.start({ HOST: '0.0.0.0' }), (error: Error) => {
      assert.match(error.message, /server exited with [1-9]/);
      assert.match(error.message, /ALLOW_UNAUTHENTICATED/);
      return true;
    });
    const server = await RunningServer.start({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' });
    try {
      assert.equal(await answers(outside!, server.port), true);
      assert.match(server.output, /ALLOW_UNAUTHENTICATED/);
    } finally {
      await server.stop();
    }
  });
});

describe('a changed AUDIT_SALT (real server process)', function () {
  this.timeout(120_000);
  let dataDir = '';
  const openid = `o${'x'.repeat(20)}salt`;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-salt-'));
    // First start records the salt; then a WeChat user is bound with it, as the bot would.
    const first = await RunningServer.start({ DATA_DIR: dataDir, AUDIT_SALT: 'first-salt-of-this-store' });
    await first.stop('SIGTERM', false);
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'unused:' });
    try {
      const bindings = new WechatBindings(store.kv, store.audit, 'first-salt-of-this-store');
      const actorId = hashActor('first-salt-of-this-store', 'aad', PLAYGROUND_USER.objectId);
      const { code } = await bindings.issueCode({ publisherId: demoPublisher.id, role: 'admin', actorId, identity: { channel: 'aad', objectId: PLAYGROUND_USER.objectId } });
      assert.equal((await bindings.bind(openid, code)).kind, 'bound');
    } finally {
      await store.close();
    }
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('stops start-up, naming AUDIT_SALT and the bindings it would disconnect, and changes nothing', async () => {
    await assert.rejects(RunningServer.start({ DATA_DIR: dataDir, AUDIT_SALT: 'second-salt-of-this-store' }), (error: Error) => {
      assert.match(error.message, /AUDIT_SALT/);
      assert.match(error.message, /\b1 WeChat binding/);
      assert.match(error.message, /AUDIT_SALT_ROTATE=true/);
      return true;
    });
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'unused:' });
    try {
      const binding = await new WechatBindings(store.kv, store.audit, 'first-salt-of-this-store').bindingOf(openid);
      assert.equal(binding?.publisherId, demoPublisher.id, 'the binding is still there under the old salt');
    } finally {
      await store.close();
    }
  });

  it('with AUDIT_SALT_ROTATE=true, starts and removes the old bindings, each with a receipt', async () => {
    const server = await RunningServer.start({ DATA_DIR: dataDir, AUDIT_SALT: 'second-salt-of-this-store', AUDIT_SALT_ROTATE: 'true' });
    await server.stop('SIGTERM', false);
    assert.match(server.output, /"removedBindings":1/);
    const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'unused:' });
    try {
      assert.deepEqual(await store.kv.keys('wechat:binding:'), []);
      const unbind = (await store.audit.list(demoPublisher.id)).find((entry) => entry.action === 'wechat.unbind');
      assert.match(unbind?.receiptId ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(!JSON.stringify(await store.audit.list(demoPublisher.id)).includes(openid), 'no openid in the audit trail');
    } finally {
      await store.close();
    }
    // The new salt is now the store's: a plain start works again.
    const again = await RunningServer.start({ DATA_DIR: dataDir, AUDIT_SALT: 'second-salt-of-this-store' });
    await again.stop('SIGTERM', false);
  });
});
