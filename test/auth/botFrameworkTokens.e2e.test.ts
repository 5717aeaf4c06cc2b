/**
 * /api/messages with MicrosoftAppId set, against tokens from a local issuer: only a valid channel token
 * is served; every bad one is a 401 with no reply and no stored change; a malformed activity is a 400;
 * only Teams activities carry an identity; nothing but JSON log lines reaches the console.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { USERS } from '../helpers/fixtures';
import { BotFrameworkIssuer, channelClaims, newSigningKey, signToken, type SigningKey } from '../helpers/botFrameworkIssuer';
import { RunningServer } from '../helpers/server';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const DEMO_COMPANY = '上海云帆信息技术有限公司';

/** A Teams message from the demo admin, asking for the replies in the response. */
function teamsActivity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'menu',
    locale: 'en-US',
    deliveryMode: 'expectReplies',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    id: `act-${Math.random().toString(36).slice(2)}`,
    conversation: { id: `a:auth-${Math.random().toString(36).slice(2)}`, conversationType: 'personal' },
    from: { id: `29:${USERS.admin.objectId}`, name: USERS.admin.name, aadObjectId: USERS.admin.objectId },
    recipient: { id: `28:${APP_ID}`, name: 'bot' },
    ...overrides,
  };
}

async function post(server: RunningServer, body: unknown, authorization?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Every file of the embedded store (publishers, audit, state), as one digest. */
async function storeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (current: string): Promise<void> => {
    for (const entry of (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else hash.update(`${path.relative(dir, full)}\0`).update(await readFile(full)).update('\0');
    }
  };
  await walk(dir);
  return hash.digest('hex');
}

/** Lines of the server's output that are not JSON log lines (a stack trace printed by a library, say). */
function nonJsonLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (line.trim() === '') return false;
    try {
      return typeof JSON.parse(line) !== 'object';
    } catch {
      return true;
    }
  });
}

describe('Bot Framework authentication on /api/messages', function () {
  this.timeout(60_000);
  let issuer: BotFrameworkIssuer;
  let server: RunningServer;
  let teamsKey: SigningKey;
  let webchatKey: SigningKey;
  const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ ...channelClaims(APP_ID, SERVICE_URL), ...overrides });
  const bearer = (token: string): string => `Bearer ${token}`;

  before(async () => {
    issuer = await BotFrameworkIssuer.start();
    teamsKey = newSigningKey(['msteams']);
    webchatKey = newSigningKey(['webchat', 'wechat']);
    server = await RunningServer.start({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      AUDIT_SALT: 'auth-suite-salt-0123456789',
      // The explicit URLs override the global preset's; the emulator's points here too so nothing leaves the machine.
      ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl([teamsKey, webchatKey]),
      ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl([]),
    });
  });
  after(async () => {
    await server?.stop();
    await issuer?.stop();
  });

  it('serves a Teams activity with a valid channel token (200 and the menu)', async () => {
    const { status, text } = await post(server, teamsActivity(), bearer(signToken(claims(), { key: teamsKey })));
    assert.equal(status, 200, text);
    assert.match(text, new RegExp(DEMO_COMPANY), 'the admin sees the publisher menu');
  });

  describe('answers every bad token with 401, no reply and no stored change', () => {
    const now = (): number => Math.floor(Date.now() / 1000);
    const BAD: { name: string; authorization: () => string | undefined }[] = [
      { name: 'no Authorization header', authorization: () => undefined },
      { name: 'an empty Bearer', authorization: () => 'Bearer ' },
      { name: 'another scheme', authorization: () => `Basic ${Buffer.from('a:b').toString('base64')}` },
      { name: 'garbage', authorization: () => 'Bearer not.a.token' },
      { name: 'a wrong signature', authorization: () => bearer(signToken(claims(), { key: teamsKey, signWith: newSigningKey().privateKey })) },
      { name: 'an expired token (beyond the 5-minute tolerance)', authorization: () => bearer(signToken(claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 600 }), { key: teamsKey })) },
      { name: 'a token not yet valid (nbf beyond the tolerance)', authorization: () => bearer(signToken(claims({ nbf: now() + 600 }), { key: teamsKey })) },
      { name: 'a wrong audience', authorization: () => bearer(signToken(claims({ aud: '99999999-2222-3333-4444-555555555555' }), { key: teamsKey })) },
      { name: 'a wrong issuer', authorization: () => bearer(signToken(claims({ iss: 'https://evil.example' }), { key: teamsKey })) },
      { name: 'an unknown kid', authorization: () => bearer(signToken(claims(), { key: teamsKey, kid: 'unknown-kid' })) },
      { name: 'a serviceurl claim other than the activity’s serviceUrl', authorization: () => bearer(signToken(claims({ serviceurl: 'https://evil.example/teams/' }), { key: teamsKey })) },
      { name: 'alg none', authorization: () => bearer(signToken(claims(), { key: teamsKey, alg: 'none' })) },
      { name: 'HS256 signed with the public key', authorization: () => bearer(signToken(claims(), { key: teamsKey, alg: 'HS256' })) },
      { name: 'a key not endorsed for msteams', authorization: () => bearer(signToken(claims(), { key: webchatKey })) },
    ];
    for (const { name, authorization } of BAD) {
      it(name, async () => {
        const before = await storeDigest(server.dataDir);
        const { status, text } = await post(server, teamsActivity({ text: 'export' }), authorization());
        assert.equal(status, 401, text);
        assert.deepEqual(JSON.parse(text), { error: 'unauthorized' }, 'no reply, no internals');
        assert.equal(await storeDigest(server.dataDir), before, 'the store is unchanged');
      });
    }
  });

  it('trusts no identity from a channel other than Teams: a webchat activity with an admin’s aadObjectId reads nothing', async () => {
    const { status, text } = await post(server, teamsActivity({ channelId: 'webchat', text: 'export' }), bearer(signToken(claims(), { key: webchatKey })));
    assert.equal(status, 200, text);
    assert.doesNotMatch(text, new RegExp(DEMO_COMPANY));
    assert.doesNotMatch(text, /yunfan\.example\.cn/, 'no publisher data: the export did not run');
    assert.match(text, /No publisher account found|未找到服务商账号/);
  });

  it('trusts no WeChat identity arriving on /api/messages', async () => {
    const activity = teamsActivity({ channelId: 'wechat', text: '菜单', channelData: { openid: 'o-forged-openid-0001' } });
    const { status, text } = await post(server, activity, bearer(signToken(claims(), { key: webchatKey })));
    assert.equal(status, 200, text);
    assert.doesNotMatch(text, new RegExp(DEMO_COMPANY));
    assert.match(text, /No publisher account found|未找到服务商账号/);
  });

  describe('answers a malformed activity with a valid token with 400, and changes nothing', () => {
    const MALFORMED: { name: string; body: () => unknown }[] = [
      { name: 'no type', body: () => ({ ...teamsActivity(), type: undefined }) },
      { name: 'type is a number', body: () => teamsActivity({ type: 5 }) },
      { name: 'from is a string', body: () => teamsActivity({ from: 'x' }) },
      { name: 'no conversation', body: () => ({ ...teamsActivity(), conversation: undefined }) },
      { name: 'conversation.id is an object', body: () => teamsActivity({ conversation: { id: { $ne: null } } }) },
      { name: 'an empty channelId', body: () => teamsActivity({ channelId: '' }) },
      { name: 'channelData is an array', body: () => teamsActivity({ channelData: [1, 2] }) },
      { name: 'a JSON array body', body: () => [teamsActivity()] },
      { name: 'a JSON string body', body: () => 'message' },
    ];
    for (const { name, body } of MALFORMED) {
      it(name, async () => {
        const before = await storeDigest(server.dataDir);
        const { status, text } = await post(server, body(), bearer(signToken(claims(), { key: teamsKey })));
        assert.equal(status, 400, text);
        assert.doesNotMatch(text, /\bat .*\.(js|ts):\d+/, 'no stack in the answer');
        assert.equal(await storeDigest(server.dataDir), before, 'the store is unchanged');
      });
    }
  });

  // Mocha runs a suite's own tests before its nested suites: this one must come after them all.
  describe('after all of the requests above', () => {
    it('wrote nothing but JSON log lines: no stack trace on the console', () => {
      assert.deepEqual(nonJsonLines(server.output), []);
      assert.equal(server.output.match(/refused a Bot Framework request that failed authentication/g)?.length, 14, 'one line per refused token');
    });
  });
});
