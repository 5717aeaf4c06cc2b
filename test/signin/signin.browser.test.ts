/**
 * Sign in with the Azure account, end to end: a real OpenID provider on loopback (oidc-provider),
 * two real bot instances on one Redis (the link is issued by one and opened on the other), the
 * local fake WeChat API and Bot Connector, and Chromium on the provider's own login page.
 */
import assert from 'node:assert/strict';
import { aadAccountsVersion } from '../../src/domain/partVersions';
import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { createClient } from 'redis';
import type { Activity } from 'botbuilder';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { hashSecret } from '../../src/signin/signinTickets';
import { operatorActor } from '../../src/service/access';
import { PrivacyService } from '../../src/service/privacyService';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { launchChromium, requireChromium, saveScreenshot, type LaunchedChromium } from '../helpers/browser';
import { cardText, findAction, inputValues, type Card } from '../helpers/chat';
import { BOT_CLIENT, OTHER_CLIENT, TestOidcProvider, type ProviderLogin } from '../helpers/oidcProvider';
import { scanRedis } from '../helpers/residue';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';
import { FakeConnector, HttpChannel, RunningServer } from '../helpers/server';
import { newOpenid, wechatEnv, wechatPeer } from '../helpers/wechat';
import { FakeWechatApi } from '../wechat/fakeWechatApi';

const LINK = /(http:\/\/127\.0\.0\.1:\d+\/auth\/start\?t=[A-Za-z0-9_-]{43})/;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function cardsOf(activities: Partial<Activity>[]): Card[] {
  return activities.flatMap((a) => a.attachments ?? []).map((a) => a.content as Card);
}

/** Signs in on the provider's login form as `login`; resolves on the bot's page after the callback. */
async function signIn(page: Page, link: string, login: ProviderLogin, shot: string): Promise<{ status: number; text: string; url: string }> {
  await page.goto(link);
  await page.locator('input[name="login"]').waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(`no login form at ${page.url()}: ${await page.locator('body').innerText()}`);
  });
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await saveScreenshot(page, `${shot}-1-provider-login`);
  const callback = page.waitForResponse((response) => response.url().includes('/auth/callback'));
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent the first time a client wants the profile.
  const consent = page.locator('button', { hasText: 'Continue' });
  const first = await Promise.race([callback.then(() => 'callback' as const), consent.waitFor().then(() => 'consent' as const)]);
  if (first === 'consent') await consent.click();
  const response = await callback;
  await page.waitForLoadState();
  await saveScreenshot(page, `${shot}-2-back-at-the-bot`);
  return { status: response.status(), text: await page.locator('body').innerText(), url: response.url() };
}

describe('sign in with the Azure account (real OpenID provider, two bot instances, Chromium)', function () {
  this.timeout(180_000);
  const prefix = randomKeyPrefix('signin');
  let provider: TestOidcProvider;
  let first: RunningServer;
  let second: RunningServer;
  let wechatApi: FakeWechatApi;
  let connector: FakeConnector;
  let browser: LaunchedChromium;
  let store: StoreEngine;
  let publicBaseUrl: string;

  before(async function () {
    requireChromium(this);
    await requireRedis(this);
    const port = await freePort();
    publicBaseUrl = `http://127.0.0.1:${port}`;
    provider = await TestOidcProvider.start(`${publicBaseUrl}/auth/callback`);
    wechatApi = new FakeWechatApi();
    const apiUrl = await wechatApi.start();
    connector = await FakeConnector.start();
    store = await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
    await store.publishers.put(demoPublisher, 'new');
    const env = {
      ...wechatEnv('plain', { WECHAT_APP_SECRET: 'test-app-secret', WECHAT_API_BASE_URL: apiUrl }),
      STORE: 'redis',
      REDIS_URL: redisUrl(),
      REDIS_KEY_PREFIX: prefix,
      AAD_AUTHORITY: provider.issuer,
      AAD_CLIENT_ID: BOT_CLIENT.id,
      AAD_CLIENT_SECRET: BOT_CLIENT.secret,
      PUBLIC_BASE_URL: publicBaseUrl,
    };
    [first, second] = await Promise.all([RunningServer.start({ ...env, PORT: String(port) }), RunningServer.start(env)]);
    browser = await launchChromium({ width: 900, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await first?.stop();
    await second?.stop();
    await provider?.stop();
    await wechatApi?.stop();
    await connector?.stop();
    await store?.close();
    await deleteKeysWithPrefix(prefix);
  });

  /** A WeChat user's link, as the bot offers it to an unbound openid. */
  async function wechatLink(openid: string, text = '菜单'): Promise<string> {
    const answer = (await wechatPeer(first, 'plain').sendText(openid, text)).text;
    assert.match(answer, /用 Azure 账号登录/);
    const link = LINK.exec(answer)?.[1];
    assert.ok(link, `a sign-in link in: ${answer}`);
    return link;
  }

  /** The same link, opened on the other bot instance: tickets live in the shared store. */
  function onSecond(link: string): string {
    return link.replace(publicBaseUrl, second.url);
  }

  it('a WeChat user who never used Teams signs in, is told so in WeChat, then views and edits the contact info', async () => {
    const openid = newOpenid();
    const link = await wechatLink(openid);
    const page = await browser.context.newPage();
    const result = await signIn(page, onSecond(link), 'alex', 'signin-wechat');
    assert.equal(result.status, 200);
    assert.match(result.text, /已完成，请返回微信/);
    assert.match(result.text, /Done — go back to WeChat/);
    assert.match(result.text, new RegExp(demoPublisher.companyName));
    await page.close();

    // Of the whole exchange only the link is kept: no ticket, state, code or token, in any key.
    const callback = new URL(result.url);
    const secrets = [new URL(link).searchParams.get('t') ?? '', callback.searchParams.get('state') ?? '', callback.searchParams.get('code') ?? '', 'eyJ'];
    assert.ok(secrets.every((secret) => secret.length > 2));
    // The one exception: WeChat's stored answer keeps the reply that carried the (now used) link, so
    // that a retry of that message gets the same answer; it expires within a minute.
    const hits = await scanRedis(prefix, secrets);
    assert.deepEqual(hits.filter((hit) => !(hit.needle === secrets[0] && hit.where.includes(':kv:wechat:answer:'))), []);
    // Nor do the logs hold the openid, the ticket or the account.
    for (const log of [first.output, second.output]) {
      for (const value of [openid, secrets[0]!, secrets[2]!, 'alexw@example.com']) assert.ok(!log.includes(value), 'a secret or an id reached the log');
    }

    const told = wechatApi.sendCalls.filter((call) => call.body.touser === openid);
    assert.equal(told.length, 1, 'one customer-service message');
    assert.match(JSON.stringify(told[0]?.body), /登录成功/);

    const peer = wechatPeer(first, 'plain');
    const say = async (text: string): Promise<string> => (await peer.sendText(openid, text)).text;
    assert.match(await say('菜单'), /回复 1：联系信息/);
    const edit = /王晓明[\s\S]*回复 (\d+)：修改/.exec(await say('1'))?.[1];
    assert.ok(edit, 'the contact view offers 修改');
    assert.match(await say(edit), /请选择要修改的部分/);
    // Part 3 is the second contact: its name, phone and e-mail are asked.
    let answer = await say('3');
    for (let step = 1; step <= 3; step++) answer = await say(/请输入联系人 2 · 电话/.test(answer) ? '021-61234511' : '=');
    assert.match(answer, /请核对以下内容/);
    assert.match(await say('保存'), /已保存。修改了：李娜 · 电话/);
    const stored = await store.publishers.get(demoPublisher.id);
    assert.equal(stored?.publisher.contacts[1]?.phone, '021-61234511');
    const actions = (await store.audit.list(demoPublisher.id)).map((entry) => entry.action);
    assert.ok(actions.includes('wechat.link'), 'the link is audited');
    const exported = await new PrivacyService(store, 'publisher-privacy-assistant').exportAll(operatorActor(demoPublisher.id));
    assert.ok(exported.wechatBindings.some((binding) => binding.openid === openid && binding.via === 'signin'), 'the export lists the link');

    // The link ends with `解绑`, with a receipt, and the user is a stranger again.
    assert.match(await say('解绑'), /回执/);
    assert.ok((await store.audit.list(demoPublisher.id)).some((entry) => entry.action === 'wechat.unlink' && entry.receiptId));
    assert.match(await say('菜单'), /用 Azure 账号登录/);
    // Unbinding when not bound says so, and offers sign-in too.
    assert.match(await say('解绑'), /没有绑定任何服务商[\s\S]*用 Azure 账号登录/);
  });

  it('a Teams user of another tenant signs in with an account listed by UPN, which learns its objectId; the conversation is told; contact info is edited', async () => {
    const channel = new HttpChannel(first, { objectId: 'f0f0f0f0-0000-4000-8000-000000000001', name: 'Global Tenant User' }, 'en-US', connector);
    const cards = cardsOf(await channel.say('menu'));
    const offer = cards.map(cardText).join('\n');
    assert.match(offer, /Sign in with your Azure account/);
    const link = LINK.exec(offer)?.[1];
    assert.ok(link, offer);
    const before = connector.received.length;

    const page = await browser.context.newPage();
    const result = await signIn(page, link, 'zhang', 'signin-teams');
    assert.equal(result.status, 200);
    assert.match(result.text, /Done — go back to Teams/);
    await page.close();

    const told = connector.received.slice(before).map((activity) => activity.text ?? '');
    assert.equal(told.length, 1, `one proactive message: ${JSON.stringify(told)}`);
    assert.match(told[0] ?? '', /Signed in: you now act for/);
    const account = (await store.publishers.get(demoPublisher.id))?.publisher.aadAccounts.find((a) => a.upn === 'zhang.wei@yunfan.partner.onmschina.cn');
    assert.equal(account?.objectId, '22222222-2222-2222-2222-222222222222', 'the objectId is filled in');

    let card = cardsOf(await channel.say('contact')).at(-1);
    assert.ok(card && cardText(card).includes('王晓明'));
    const edit = findAction(card, 'Edit');
    const { body } = await channel.execute(edit.verb ?? '', { ...edit.data });
    card = body.value as Card;
    const save = findAction(card, 'Save');
    const saved = await channel.execute(save.verb ?? '', { ...save.data, ...inputValues(card), 'contact.1.phone': '+86 21 6123 4522' });
    assert.ok(cardText(saved.body.value).includes('021-61234522'), cardText(saved.body.value));
    assert.ok((await store.audit.list(demoPublisher.id)).some((entry) => entry.action === 'teams.link'));

    // The export lists the link (the Teams user's id, the account that vouched, how it was made).
    const service = new PrivacyService(store, 'publisher-privacy-assistant');
    const exported = await service.exportAll(operatorActor(demoPublisher.id));
    assert.deepEqual(exported.teamsLinks.map((l) => [l.openid, l.via]), [['f0f0f0f0-0000-4000-8000-000000000001', 'signin']]);

    // Removing the account ends the link at once: the next turn is a stranger's, offered sign-in again.
    const current = await store.publishers.get(demoPublisher.id);
    await service.removeAadAccount(operatorActor(demoPublisher.id), 'zhang.wei@yunfan.partner.onmschina.cn', current ? aadAccountsVersion(current.publisher) : '');
    assert.ok((await store.audit.list(demoPublisher.id)).some((entry) => entry.action === 'teams.unlink' && entry.receiptId), 'the revocation is receipted');
    const after = cardsOf(await channel.say('contact')).map(cardText).join('\n');
    assert.doesNotMatch(after, /王晓明/);
    assert.match(after, /Sign in with your Azure account/);
  });

  it('a linked Teams user ends the link with "unbind", with a receipt', async () => {
    const channel = new HttpChannel(first, { objectId: 'f0f0f0f0-0000-4000-8000-000000000002', name: 'Other Tenant User' }, 'zh-CN', connector);
    const link = LINK.exec(cardsOf(await channel.say('菜单')).map(cardText).join('\n'))?.[1];
    assert.ok(link);
    const page = await browser.context.newPage();
    assert.match((await signIn(page, link, 'alex', 'signin-teams-unbind')).text, /已完成，请返回 ?Teams/);
    await page.close();
    assert.match(cardsOf(await channel.say('菜单')).map(cardText).join('\n'), /联系信息/);
    assert.match(cardsOf(await channel.say('解绑')).map(cardText).join('\n'), /已解除登录关联[\s\S]*回执编号/);
    assert.match(cardsOf(await channel.say('菜单')).map(cardText).join('\n'), /用 Azure 账号登录验证身份/);
  });

  describe('refusals (each changes nothing and names no publisher)', () => {
    /** The user got no link and no customer-service message: the bot still offers sign-in. */
    async function assertNotLinked(openid: string): Promise<void> {
      assert.equal(wechatApi.sendCalls.filter((call) => call.body.touser === openid).length, 0, 'no confirmation was sent');
      await wechatLink(openid);
    }

    it('refuses a reused link and a replayed callback', async () => {
      const openid = newOpenid();
      const link = await wechatLink(openid);
      const page = await browser.context.newPage();
      const done = await signIn(page, link, 'alex', 'signin-reuse');
      assert.equal(done.status, 200);
      const again = await page.goto(link);
      assert.equal(again?.status(), 410);
      assert.match(await page.locator('body').innerText(), /该链接已失效[\s\S]*This link no longer works/);
      const replay = await page.goto(done.url);
      assert.equal(replay?.status(), 400, 'a callback is answered once');
      await page.close();
      assert.equal(wechatApi.sendCalls.filter((call) => call.body.touser === openid).length, 1, 'linked once, told once');
    });

    it('refuses a link the store let expire (ten minutes)', async () => {
      const openid = newOpenid();
      const link = await wechatLink(openid);
      const key = `${prefix}kv:signin:ticket:${hashSecret(new URL(link).searchParams.get('t') ?? '')}`;
      const redis = createClient({ url: redisUrl() });
      await redis.connect();
      try {
        const ttl = await redis.pTTL(key);
        assert.ok(ttl > 0 && ttl <= 10 * 60_000, `the ticket expires within ten minutes (PTTL ${ttl})`);
        // Expiry as the store applies it: shorten the key's life and wait for it to go.
        await redis.pExpire(key, 1);
        while ((await redis.exists(key)) === 1) await new Promise((resolve) => setTimeout(resolve, 5));
      } finally {
        await redis.close();
      }
      const response = await fetch(link, { redirect: 'manual' });
      assert.equal(response.status, 410);
      await assertNotLinked(openid);
    });

    it('refuses a state it never issued, and a callback from a browser other than the one that started', async () => {
      const forged = await fetch(`${publicBaseUrl}/auth/callback?code=abc&state=${'A'.repeat(43)}`);
      assert.equal(forged.status, 400);
      assert.match(await forged.text(), /本次登录已过期/);

      const openid = newOpenid();
      const started = await fetch(await wechatLink(openid), { redirect: 'manual' });
      assert.equal(started.status, 302);
      const state = new URL(started.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const cookie = /ppa_signin=([^;]+)/.exec(started.headers.get('set-cookie') ?? '')?.[1] ?? '';
      assert.ok(state && cookie);
      const stranger = await fetch(`${publicBaseUrl}/auth/callback?code=abc&state=${state}`, { headers: { cookie: `ppa_signin=${'B'.repeat(43)}` } });
      assert.equal(stranger.status, 400);
      // The attempt used the flow up: the right browser cannot finish it afterwards either.
      const late = await fetch(`${publicBaseUrl}/auth/callback?code=abc&state=${state}`, { headers: { cookie: `ppa_signin=${cookie}` } });
      assert.equal(late.status, 400);
      assert.match(await late.text(), /本次登录已过期/);
      await assertNotLinked(openid);
    });

    const forgeries = [
      { name: 'a wrong nonce', claims: (c: Record<string, unknown>) => ({ ...c, nonce: 'not-the-nonce-the-bot-sent' }), signWith: 'provider' as const },
      { name: 'an ID token for another audience', claims: (c: Record<string, unknown>) => ({ ...c, aud: OTHER_CLIENT.id, azp: OTHER_CLIENT.id }), signWith: 'provider' as const },
      { name: 'an ID token signed with a key not in the provider\'s JWKS', claims: (c: Record<string, unknown>) => c, signWith: 'foreign' as const },
      { name: 'an expired ID token', claims: (c: Record<string, unknown>) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }), signWith: 'provider' as const },
      { name: 'an ID token from another issuer', claims: (c: Record<string, unknown>) => ({ ...c, iss: 'http://127.0.0.1:9/rogue' }), signWith: 'provider' as const },
    ];
    for (const forgery of forgeries) {
      it(`refuses ${forgery.name}`, async () => {
        const openid = newOpenid();
        const link = await wechatLink(openid);
        const tamperedBefore = provider.tampered;
        provider.tamper = { claims: forgery.claims, signWith: forgery.signWith };
        const page = await browser.context.newPage();
        const result = await signIn(page, link, 'alex', `signin-forged-${provider.tampered}`);
        await page.close();
        assert.equal(provider.tampered, tamperedBefore + 1, 'the provider sent the forged token');
        assert.equal(result.status, 400);
        assert.match(result.text, /无法完成本次登录[\s\S]*This sign-in could not be completed/);
        assert.doesNotMatch(result.text, new RegExp(demoPublisher.companyName));
        await assertNotLinked(openid);
      });
    }

    it('refuses an account on no publisher\'s list, in the user\'s language, naming no publisher', async () => {
      const openid = newOpenid();
      const link = await wechatLink(openid);
      const page = await browser.context.newPage();
      const result = await signIn(page, link, 'nobody', 'signin-no-match');
      await page.close();
      assert.equal(result.status, 403);
      assert.match(result.text, /^该账号没有权限/);
      assert.match(result.text, /This account has no access/);
      for (const name of [demoPublisher.companyName, demoPublisher.id]) assert.ok(!result.text.includes(name));
      await assertNotLinked(openid);
    });
  });
});
