/**
 * The start-up summary: the real server's one "startup summary" line says which store, authentication,
 * WeChat mode, sign-in, demo data, retention and metrics are on — and carries no secret.
 */
import assert from 'node:assert/strict';
import { botCloud, type StartupSummary } from '../../src/bot/startupSummary';
import { RunningServer } from '../helpers/server';
import { WECHAT, wechatEnv } from '../helpers/wechat';

/** The summary lines the server wrote (there must be exactly one). */
function summaryLines(output: string): StartupSummary[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"msg":"startup summary"'))
    .map((line) => (JSON.parse(line) as { summary: StartupSummary }).summary);
}

describe('start-up summary line', function () {
  this.timeout(60_000);

  it('with nothing configured: embedded store, loopback only, WeChat off, demo data loaded, default retention, metrics off', async () => {
    const server = await RunningServer.start();
    try {
      assert.deepEqual(summaryLines(server.output), [
        {
          store: 'embedded',
          cluster: false,
          auth: 'loopback-only',
          wechat: 'off',
          signIn: 'off',
          demoData: 'loaded',
          retention: { conversationMinutes: 30, auditDays: 1095 },
          metrics: 'off',
        },
      ]);
    } finally {
      await server.stop();
    }
  });

  it('with credentials for the China cloud, WeChat safe mode with late answers, no demo data, other limits and metrics on', async () => {
    const secret = 'app-secret-never-logged';
    const password = 'bot-password-never-logged';
    const server = await RunningServer.start(
      wechatEnv('aes', {
        WECHAT_APP_SECRET: secret,
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: password,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: 'contoso.partner.onmschina.cn',
        BOT_CLOUD: 'china',
        AUDIT_SALT: 'summary-test-salt',
        DEMO_DATA: 'off',
        CONVERSATION_TTL_MINUTES: '15',
        AUDIT_RETENTION_DAYS: '365',
        METRICS_PORT: '0',
      }),
    );
    try {
      const [summary, ...more] = summaryLines(server.output);
      assert.equal(more.length, 0, 'one line');
      assert.ok(summary);
      assert.deepEqual(summary.auth, { appType: 'SingleTenant', cloud: 'china' });
      assert.deepEqual(summary.wechat, { mode: 'safe', lateAnswers: true });
      assert.equal(summary.demoData, 'off');
      assert.deepEqual(summary.retention, { conversationMinutes: 15, auditDays: 365 });
      assert.ok(typeof summary.metrics === 'object' && summary.metrics.host === '127.0.0.1' && summary.metrics.port > 0);
      const line = server.output.split('\n').find((entry) => entry.includes('startup summary')) ?? '';
      for (const value of [secret, password, WECHAT.token, WECHAT.aesKey, WECHAT.appId]) assert.ok(!line.includes(value), 'no secret or account id in the summary');
    } finally {
      await server.stop();
    }
  });

  it('WeChat in plaintext mode without the AppSecret: late answers are not possible', async () => {
    const server = await RunningServer.start(wechatEnv('plain'));
    try {
      assert.deepEqual(summaryLines(server.output)[0]?.wechat, { mode: 'plaintext', lateAnswers: false });
    } finally {
      await server.stop();
    }
  });

  it('sign-in with the Azure account is on when AAD_CLIENT_ID is set, and its secret stays out of the line', async () => {
    const secret = 'aad-client-secret-never-logged';
    const server = await RunningServer.start({ AAD_CLIENT_ID: 'summary-client', AAD_CLIENT_SECRET: secret, PUBLIC_BASE_URL: 'https://bot.example.cn' });
    try {
      const [summary, ...more] = summaryLines(server.output);
      assert.equal(more.length, 0, 'one line');
      assert.equal(summary?.signIn, 'on');
      const line = server.output.split('\n').find((entry) => entry.includes('startup summary')) ?? '';
      for (const value of [secret, 'summary-client']) assert.ok(!line.includes(value), 'no secret or client id in the summary');
    } finally {
      await server.stop();
    }
  });

  it('names the Bot Framework cloud from the endpoint settings', () => {
    assert.equal(botCloud({}), 'global');
    assert.equal(botCloud({ ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration' }), 'china');
    assert.equal(botCloud({ BOT_CLOUD: 'china' }), 'china');
    assert.equal(botCloud({ OAuthUrl: 'https://tokengcch.botframework.azure.us/' }), 'custom');
    assert.equal(botCloud({ ToChannelFromBotOAuthScope: 'https://api.botframework.us' }), 'usgov');
    assert.equal(botCloud({ ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:5555/openid' }), 'custom');
  });
});
