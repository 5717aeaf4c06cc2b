/**
 * Entra's multi-tenant authorities (…/organizations/v2.0) publish the issuer as a template,
 * `…/{tenantid}/v2.0`; each ID token carries its tenant's. openid-client resolves that only for
 * login.microsoftonline.com; the bot makes it work for any cloud (Entra ID operated by 21Vianet).
 * Here the test provider's metadata is served in Entra's templated form, and the provider's ID
 * tokens are re-issued with the issuer Entra would put in them.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium, requireChromium, type LaunchedChromium } from '../helpers/browser';
import { BOT_CLIENT, TestOidcProvider } from '../helpers/oidcProvider';
import { RunningServer } from '../helpers/server';
import { newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';

const LINK = /(http:\/\/127\.0\.0\.1:\d+\/auth\/start\?t=[A-Za-z0-9_-]{43})/;

/** Serves the provider's metadata under /organizations/v2.0 with Entra's templated issuer. */
async function templatedMetadata(provider: TestOidcProvider): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    // Two statements: restify (loaded in the same test process) patches writeHead to return nothing.
    if (req.url !== '/organizations/v2.0/.well-known/openid-configuration') {
      res.writeHead(404);
      return void res.end();
    }
    void fetch(`${provider.issuer}/.well-known/openid-configuration`)
      .then((response) => response.json() as Promise<Record<string, unknown>>)
      .then((metadata) => {
        delete metadata.authorization_response_iss_parameter_supported;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...metadata, issuer: `${base}/{tenantid}/v2.0` }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base };
}

describe('a multi-tenant Entra authority with a templated issuer, outside login.microsoftonline.com', function () {
  this.timeout(120_000);
  let provider: TestOidcProvider;
  let metadata: { server: Server; base: string };
  let bot: RunningServer;
  let browser: LaunchedChromium;

  before(async function () {
    requireChromium(this);
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const publicBaseUrl = `http://127.0.0.1:${port}`;
    provider = await TestOidcProvider.start(`${publicBaseUrl}/auth/callback`);
    metadata = await templatedMetadata(provider);
    bot = await RunningServer.start({
      ...wechatEnv('plain'),
      PORT: String(port),
      AAD_AUTHORITY: `${metadata.base}/organizations/v2.0`,
      AAD_CLIENT_ID: BOT_CLIENT.id,
      AAD_CLIENT_SECRET: BOT_CLIENT.secret,
      PUBLIC_BASE_URL: publicBaseUrl,
    });
    // Entra sends no `iss` in the authorization response (oidc-provider would send its own issuer).
    provider.omitAuthorizationIss = true;
    browser = await launchChromium({ width: 900, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await bot?.stop();
    await provider?.stop();
    metadata?.server.close();
  });

  async function signInWithIssuer(issuerFor: (tid: string) => string | undefined): Promise<{ status: number; text: string }> {
    const openid = newOpenid();
    const link = LINK.exec((await wechatPeer(bot, 'plain').sendText(openid, '菜单')).text)?.[1];
    assert.ok(link);
    const before = provider.tampered;
    provider.tamper = { claims: (c) => ({ ...c, iss: issuerFor(String(c.tid)) ?? c.iss }), signWith: 'provider' };
    const page = await browser.context.newPage();
    try {
      await page.goto(link);
      await page.locator('input[name="login"]').fill('alex');
      await page.locator('input[name="password"]').fill('any password');
      const callback = page.waitForResponse((response) => response.url().includes('/auth/callback'));
      await page.locator('button[type="submit"]').click();
      const consent = page.locator('button', { hasText: 'Continue' });
      if ((await Promise.race([callback.then(() => 'callback'), consent.waitFor().then(() => 'consent')])) === 'consent') await consent.click();
      const response = await callback;
      await page.waitForLoadState();
      assert.equal(provider.tampered, before + 1, `the provider was asked for a token: ${page.url()} ${await page.locator('body').innerText()} ${bot.output.slice(-1500)}`);
      return { status: response.status(), text: await page.locator('body').innerText() };
    } finally {
      await page.close();
    }
  }

  it('accepts an ID token whose issuer is the template filled with its own tenant', async () => {
    const result = await signInWithIssuer((tid) => `${metadata.base}/${tid}/v2.0`);
    assert.equal(result.status, 200, result.text);
    assert.match(result.text, /已完成，请返回微信/);
  });

  it('refuses the template filled with a tenant other than the token\'s own', async () => {
    const result = await signInWithIssuer(() => `${metadata.base}/99999999-9999-9999-9999-999999999999/v2.0`);
    assert.equal(result.status, 400);
  });

  it('refuses an issuer on another host', async () => {
    const result = await signInWithIssuer((tid) => `http://127.0.0.1:9/${tid}/v2.0`);
    assert.equal(result.status, 400);
  });
});
