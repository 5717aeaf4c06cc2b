/**
 * BOT_CLOUD=china: tokens issued by the Azure China Bot Framework (issuer https://api.botframework.azure.cn)
 * are accepted, and the same tokens are refused by a bot in the global cloud. The local metadata URL
 * overrides the preset's; everything else comes from the preset.
 */
import assert from 'node:assert/strict';
import { USERS } from '../helpers/fixtures';
import { BotFrameworkIssuer, channelClaims, newSigningKey, signToken } from '../helpers/botFrameworkIssuer';
import { RunningServer } from '../helpers/server';

const APP_ID = '22222222-3333-4444-5555-666666666666';
const SERVICE_URL = 'https://frontend.botapi.msg.infra.teams.microsoftonline.cn/';
const CHINA_ISSUER = 'https://api.botframework.azure.cn';

async function postWithToken(server: RunningServer, token: string): Promise<number> {
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      type: 'message', text: 'menu', locale: 'zh-CN', deliveryMode: 'expectReplies', channelId: 'msteams', serviceUrl: SERVICE_URL,
      conversation: { id: `a:china-${Math.random().toString(36).slice(2)}` },
      from: { id: `29:${USERS.admin.objectId}`, aadObjectId: USERS.admin.objectId }, recipient: { id: `28:${APP_ID}` },
    }),
  });
  await response.text();
  return response.status;
}

describe('Azure China (BOT_CLOUD=china)', function () {
  this.timeout(60_000);
  let issuer: BotFrameworkIssuer;
  const key = newSigningKey(['msteams']);
  const credentials = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: 'contoso.partner.onmschina.cn',
    AUDIT_SALT: 'china-suite-salt-0123456789',
  };

  before(async () => {
    issuer = await BotFrameworkIssuer.start();
  });
  after(async () => {
    await issuer?.stop();
  });

  for (const { cloud, chinaToken, globalToken } of [
    { cloud: 'china', chinaToken: 200, globalToken: 401 },
    { cloud: 'global', chinaToken: 401, globalToken: 200 },
  ] as const) {
    it(`under BOT_CLOUD=${cloud}: a China-issued token gets ${chinaToken}, a global one ${globalToken}`, async () => {
      const server = await RunningServer.start({
        ...credentials,
        BOT_CLOUD: cloud,
        ToBotFromChannelOpenIdMetadataUrl: issuer.metadataUrl([key]),
        ToBotFromEmulatorOpenIdMetadataUrl: issuer.metadataUrl([]),
      });
      try {
        assert.match(server.output, new RegExp(`"cloud":"${cloud}"`));
        assert.equal(await postWithToken(server, signToken(channelClaims(APP_ID, SERVICE_URL, CHINA_ISSUER), { key })), chinaToken);
        assert.equal(await postWithToken(server, signToken(channelClaims(APP_ID, SERVICE_URL), { key })), globalToken);
      } finally {
        await server.stop();
      }
    });
  }
});
