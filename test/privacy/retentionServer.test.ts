/**
 * Retention end to end: servers whose limits come from the configuration (or its defaults) give every
 * transient entry its expiry, purge old audit entries at start-up, and tell users those limits.
 */
import assert from 'node:assert/strict';
import { ANSWER_TTL_MS, DEDUPE_TTL_MS } from '../../src/wechat/wechatEndpoint';
import { CODE_TTL_MS, LOCKOUT_MS } from '../../src/service/wechatBindings';
import type { AuditEntry } from '../../src/store/types';
import { requireRedis } from '../helpers/redis';
import { TeamsUser, assertLifetimes, codeIn, kvLifetimes, lifetimesOf, markerPublisher, openEngine, type EngineUnderTest } from '../helpers/residue';
import { RunningServer } from '../helpers/server';
import { newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';

const DAY = 86_400_000;
const MINUTE = 60_000;

function auditEntry(publisherId: string, at: Date, action = 'export'): AuditEntry {
  return { at: at.toISOString(), actor: 'operator', publisherId, action, fields: [] };
}

for (const engineName of ['embedded', 'redis'] as const) {
  describe(`Retention on a server with configured limits (${engineName})`, function () {
    this.timeout(60_000);
    let engine: EngineUnderTest;
    let server: RunningServer;
    const mp = markerPublisher();
    const now = Date.now();

    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
      engine = await openEngine(engineName);
      await engine.store.publishers.put(mp.publisher, 'new');
      await engine.store.audit.append(auditEntry(mp.publisher.id, new Date(now - 10 * DAY), 'import'));
      await engine.store.audit.append(auditEntry(mp.publisher.id, new Date(now - 2 * DAY)));
      server = await RunningServer.start({ ...engine.env, ...wechatEnv('plain'), CONVERSATION_TTL_MINUTES: '2', AUDIT_RETENTION_DAYS: '5', PRIVACY_CONTACT: 'dpo@operator.example' });
    });
    after(async () => {
      await server?.stop('SIGTERM', false);
      await engine?.dispose();
    });

    it('removes audit entries older than AUDIT_RETENTION_DAYS at start-up', async () => {
      assert.match(server.output, /"count":1[^\n]*removed audit entries past their retention/);
      assert.deepEqual((await engine.store.audit.list(mp.publisher.id)).map((entry) => entry.at), [new Date(now - 2 * DAY).toISOString()]);
    });

    it('tells users the configured PRIVACY_CONTACT and conversation limit in the rights notice', async () => {
      const notice = await new TeamsUser(server, mp.member, 'zh-CN').say('隐私');
      assert.match(notice, /隐私事务联系方式\ndpo@operator\.example/);
      assert.match(notice, /闲置 2 分钟后自动删除/);
      assert.doesNotMatch(notice, /privacy@example\.com/);
    });

    it('states a short AUDIT_RETENTION_DAYS as the time it is, not as "0 years"', async () => {
      const notice = await new TeamsUser(server, mp.member, 'en-US').say('privacy');
      const audit = /Audit trail\n([^\n]*)/.exec(notice.slice(notice.indexOf('How long')))?.[1] ?? '';
      assert.match(audit, /^5 days\. /, `AUDIT_RETENTION_DAYS=5 is shown as: ${audit}`);
    });

    it('gives every transient entry its limit: conversation state CONVERSATION_TTL_MINUTES, codes 10 minutes, dedupe and lockouts an hour, stored answers a minute', async () => {
      const admin = new TeamsUser(server, mp.admin, 'zh-CN');
      const code = codeIn(await admin.say('微信绑定'));
      const peer = wechatPeer(server, 'plain');
      const bound = newOpenid();
      const locked = newOpenid();
      await peer.sendText(bound, `绑定 ${code}`);
      await peer.sendText(bound, '菜单');
      for (let i = 0; i < 5; i++) await peer.sendText(locked, '绑定 000000');
      const unused = codeIn(await admin.say('微信绑定'));

      const all = await kvLifetimes(engine);
      assertLifetimes(lifetimesOf(all, 'state:msteams/conversations/'), 2 * MINUTE, 'Teams conversation state');
      assertLifetimes(lifetimesOf(all, 'state:wechat/conversations/'), 2 * MINUTE, 'WeChat conversation state');
      assertLifetimes(lifetimesOf(all, `wechat:code:${unused}`), CODE_TTL_MS, 'binding code');
      assertLifetimes(lifetimesOf(all, 'wechat:dedupe:'), DEDUPE_TTL_MS, 'WeChat dedupe entries');
      assert.ok(lifetimesOf(all, 'wechat:answer:').length > 0 && lifetimesOf(all, 'residue:').length > 0, 'the turns left a stored answer and a registry');
      assertLifetimes(lifetimesOf(all, 'wechat:answer:'), ANSWER_TTL_MS, 'WeChat stored answers');
      // A registry holds a conversation's key for two state lifetimes (TurnResidue), and no longer.
      assertLifetimes(lifetimesOf(all, 'residue:'), 2 * 2 * MINUTE, 'residue registries');
      assert.equal(ANSWER_TTL_MS, MINUTE);
      assertLifetimes(lifetimesOf(all, 'wechat:bind-failures:'), LOCKOUT_MS, 'binding lockout');
      assert.equal(DEDUPE_TTL_MS, 60 * MINUTE);
      assert.equal(LOCKOUT_MS, 60 * MINUTE);

      // What may stay: the user's language choice, the binding itself (personal data, erased by unbinding),
      // and the fingerprint of the salt the store was used with (no personal data).
      const lasting = [...all].filter(([, ttl]) => ttl === undefined).map(([key]) => key);
      const allowed = [/^state:[^/]+\/users\//, /^wechat:binding:[0-9a-f]{32}$/, /^wechat:publisher-bindings:\{[a-z0-9_-]+\}$/, /^meta:audit-salt-fingerprint$/];
      assert.deepEqual(lasting.filter((key) => !allowed.some((pattern) => pattern.test(key))), [], 'no other entry lives forever');
    });
  });
}

describe('Retention on a server with default limits (embedded)', function () {
  this.timeout(60_000);
  let engine: EngineUnderTest;
  let server: RunningServer;
  const mp = markerPublisher();
  const now = Date.now();

  before(async () => {
    engine = await openEngine('embedded');
    await engine.store.publishers.put(mp.publisher, 'new');
    await engine.store.audit.append(auditEntry(mp.publisher.id, new Date(now - 1096 * DAY), 'import'));
    await engine.store.audit.append(auditEntry(mp.publisher.id, new Date(now - 1094 * DAY)));
    server = await RunningServer.start(engine.env);
  });
  after(async () => {
    await server?.stop('SIGTERM', false);
    await engine?.dispose();
  });

  it('keeps audit entries three years (1095 days) by default', async () => {
    assert.deepEqual((await engine.store.audit.list(mp.publisher.id)).map((entry) => entry.at), [new Date(now - 1094 * DAY).toISOString()]);
  });

  it('expires conversation state after 30 idle minutes by default', async () => {
    await new TeamsUser(server, mp.admin, 'en-US').say('menu');
    assertLifetimes(lifetimesOf(await kvLifetimes(engine), 'state:msteams/conversations/'), 30 * MINUTE, 'Teams conversation state');
  });
});
