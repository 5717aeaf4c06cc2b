/**
 * Hostile requests on /auth/*, against the real server with sign-in on: odd query shapes, huge
 * values, forged tickets and states, odd cookies. Each gets a plain page that reflects nothing,
 * under the strict CSP, and the server stays up.
 */
import assert from 'node:assert/strict';
import { BOT_CLIENT, TestOidcProvider } from '../helpers/oidcProvider';
import { RunningServer } from '../helpers/server';

describe('sign-in routes under hostile input (real server)', function () {
  this.timeout(60_000);
  let provider: TestOidcProvider;
  let server: RunningServer;

  before(async () => {
    provider = await TestOidcProvider.start('http://127.0.0.1:9/auth/callback');
    server = await RunningServer.start({ AAD_AUTHORITY: provider.issuer, AAD_CLIENT_ID: BOT_CLIENT.id, AAD_CLIENT_SECRET: BOT_CLIENT.secret, PUBLIC_BASE_URL: 'http://127.0.0.1:9' });
  });
  after(async () => {
    await server?.stop();
    await provider?.stop();
  });

  async function assertPlainRefusal(path: string, status: number, init: RequestInit = {}): Promise<string> {
    const response = await fetch(`${server.url}${path}`, { redirect: 'manual', ...init });
    const body = await response.text();
    assert.equal(response.status, status, `${path.slice(0, 80)}: ${body.slice(0, 200)}`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(response.headers.get('set-cookie'), null, 'a refused start gives no cookie');
    assert.equal(response.headers.get('location'), null, 'and sends nowhere');
    return body;
  }

  const START_SHAPES: [string, string][] = [
    ['no t', '/auth/start'],
    ['an empty t', '/auth/start?t='],
    ['t twice', `/auth/start?t=${'a'.repeat(43)}&t=${'b'.repeat(43)}`],
    ['t as an array', `/auth/start?t[]=${'a'.repeat(43)}`],
    ['t as an object', `/auth/start?t[x]=${'a'.repeat(43)}`],
    ['a huge t', `/auth/start?t=${'a'.repeat(5000)}`],
  ];
  for (const [name, path] of START_SHAPES) {
    it(`answers /auth/start with ${name} by 400`, async () => {
      await assertPlainRefusal(path, 400);
    });
  }

  it('answers a forged ticket of the right shape, or any other text, by 410 and reflects none of it', async () => {
    await assertPlainRefusal(`/auth/start?t=${'A'.repeat(43)}`, 410);
    const body = await assertPlainRefusal(`/auth/start?t=${encodeURIComponent('<script>alert(1)</script>')}`, 410);
    assert.ok(!body.includes('<script>') && !body.includes('alert(1)'));
  });

  const CALLBACK_SHAPES: [string, string][] = [
    ['no state', '/auth/callback?code=abc'],
    ['state twice', `/auth/callback?code=abc&state=${'a'.repeat(43)}&state=${'b'.repeat(43)}`],
    ['state as an object', `/auth/callback?code=abc&state[x]=1`],
    ['a huge state', `/auth/callback?code=abc&state=${'a'.repeat(5000)}`],
    ['a forged state', `/auth/callback?code=abc&state=${'a'.repeat(43)}`],
    ['a provider error and a forged state', `/auth/callback?error=access_denied&state=${'a'.repeat(43)}`],
  ];
  for (const [name, path] of CALLBACK_SHAPES) {
    it(`answers /auth/callback with ${name} by 400`, async () => {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: `ppa_signin=${'c'.repeat(43)}; ppa_signin=${'d'.repeat(43)}` } });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.doesNotMatch(await response.text(), /abc|access_denied/);
    });
  }

  it('survives a query too large for any header, and a huge cookie', async () => {
    const huge = await fetch(`${server.url}/auth/start?t=${'a'.repeat(70_000)}`).catch(() => undefined);
    assert.ok(!huge || huge.status >= 400);
    const cookie = await fetch(`${server.url}/auth/callback?state=${'a'.repeat(43)}`, { headers: { cookie: `x=${'y'.repeat(9000)}` } });
    assert.equal(cookie.status, 400);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('offers no other method on /auth/start', async () => {
    const response = await fetch(`${server.url}/auth/start?t=${'a'.repeat(43)}`, { method: 'POST' });
    assert.ok(response.status === 405 || response.status === 404, String(response.status));
  });
});
