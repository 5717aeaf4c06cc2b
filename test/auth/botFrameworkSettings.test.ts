/** BOT_CLOUD presets, explicit overrides, refused combinations, the safe-by-default listen rules, and the README's table. */
import assert from 'node:assert/strict';
import { configRefusal } from '../helpers/configRefusal';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botframework-schema';
import { BOT_CLOUD_PRESETS, BOT_ENDPOINT_SETTINGS, botCloudSettingsTable, botFrameworkSettings } from '../../src/bot/botFrameworkSettings';
import { listenAddresses } from '../../src/bot/listenAddresses';
import { loadConfig } from '../../src/config';

const CREDENTIALS = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret', AUDIT_SALT: 'a-salt-of-sixteen-chars' };
const CHINA = { ...CREDENTIALS, BOT_CLOUD: 'china', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'contoso.partner.onmschina.cn' };

const refusal = configRefusal;

describe('Bot Framework settings', () => {
  it('the global preset is exactly botbuilder’s own public-cloud defaults', () => {
    assert.deepEqual(BOT_CLOUD_PRESETS.global.endpoints, {
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    });
    assert.equal(BOT_CLOUD_PRESETS.global.CallerId, CallerIdConstants.PublicAzureChannel);
  });

  it('BOT_CLOUD=china fills in every Azure China endpoint, with the tenant in the login URL', () => {
    const settings = botFrameworkSettings(loadConfig(CHINA));
    assert.deepEqual(
      Object.fromEntries(BOT_ENDPOINT_SETTINGS.map((name) => [name, settings[name]])),
      {
        OAuthUrl: 'https://token.botframework.azure.cn/',
        ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/contoso.partner.onmschina.cn',
        ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
        ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
        ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.partner.microsoftonline.cn/botframework.com/v2.0/.well-known/openid-configuration',
      },
    );
    assert.equal(settings.ValidateAuthority, 'true');
    assert.equal(settings.MicrosoftAppTenantId, 'contoso.partner.onmschina.cn');
  });

  it('an explicit setting overrides its preset value, and only it', () => {
    const settings = botFrameworkSettings(loadConfig({ ...CHINA, ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9999/openid', ValidateAuthority: 'false' }));
    assert.equal(settings.ToBotFromChannelOpenIdMetadataUrl, 'http://127.0.0.1:9999/openid');
    assert.equal(settings.ToBotFromChannelTokenIssuer, 'https://api.botframework.azure.cn');
    assert.equal(settings.ValidateAuthority, 'false');
  });

  it('hands botbuilder only its own settings, never the rest of the environment', () => {
    const settings = botFrameworkSettings(loadConfig({ ...CREDENTIALS, WECHAT_TOKEN: 'devtoken', REDIS_URL: 'redis://secret@127.0.0.1:6379' }));
    assert.deepEqual(Object.keys(settings).sort(), ['CallerId', 'MicrosoftAppId', 'MicrosoftAppPassword', ...BOT_ENDPOINT_SETTINGS, 'ValidateAuthority'].sort());
  });

  describe('refuses combinations botbuilder would refuse late or run wrongly, saying what to set', () => {
    const CASES: { name: string; env: NodeJS.ProcessEnv; names: RegExp }[] = [
      { name: 'SingleTenant without a tenant', env: { ...CREDENTIALS, MicrosoftAppType: 'SingleTenant' }, names: /MicrosoftAppTenantId: required with MicrosoftAppType=SingleTenant/ },
      { name: 'UserAssignedMSI with a password', env: { ...CREDENTIALS, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }, names: /MicrosoftAppPassword: must not be set/ },
      { name: 'an app id without a password', env: { MicrosoftAppId: CREDENTIALS.MicrosoftAppId, AUDIT_SALT: CREDENTIALS.AUDIT_SALT }, names: /MicrosoftAppPassword: required/ },
      { name: 'a password without an app id', env: { MicrosoftAppPassword: 'secret' }, names: /MicrosoftAppId: required with MicrosoftAppPassword/ },
      { name: 'MultiTenant in Azure China', env: { ...CHINA, MicrosoftAppType: 'MultiTenant' }, names: /MicrosoftAppType: .*set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId/ },
      { name: 'no app type (botbuilder’s MultiTenant) in Azure China', env: { ...CHINA, MicrosoftAppType: undefined }, names: /MicrosoftAppType: Azure China/ },
      { name: 'ChannelService alone', env: { ...CREDENTIALS, ChannelService: 'https://botframework.azure.cn' }, names: /ChannelService: .*set BOT_CLOUD=china instead.*OAuthUrl, ToChannelFromBotLoginUrl/ },
      { name: 'an unknown BOT_CLOUD', env: { BOT_CLOUD: 'mooncake' }, names: /BOT_CLOUD/ },
      { name: 'an http metadata URL to another host', env: { ToBotFromChannelOpenIdMetadataUrl: 'http://evil.example/openid' }, names: /ToBotFromChannelOpenIdMetadataUrl: must be https/ },
      { name: 'ValidateAuthority that is not true or false', env: { ValidateAuthority: 'yes' }, names: /ValidateAuthority/ },
    ];
    for (const { name, env, names } of CASES) it(name, () => assert.match(refusal(env), names));
  });

  it('accepts ChannelService when it names the chosen cloud, or with every endpoint set', () => {
    assert.doesNotThrow(() => loadConfig({ ...CHINA, ChannelService: 'https://botframework.azure.cn' }));
    const all = Object.fromEntries(BOT_ENDPOINT_SETTINGS.map((name) => [name, name.endsWith('Url') ? 'https://example.cn/x' : 'https://example.cn']));
    assert.doesNotThrow(() => loadConfig({ ...CREDENTIALS, ChannelService: 'https://example.cn', ...all }));
  });

  describe('AUDIT_SALT with credentials', () => {
    it('refuses the development value, naming AUDIT_SALT', () => {
      assert.match(refusal({ MicrosoftAppId: CREDENTIALS.MicrosoftAppId, MicrosoftAppPassword: 'secret' }), /AUDIT_SALT: set a secret value/);
      assert.match(refusal({ ...CREDENTIALS, AUDIT_SALT: 'publisher-privacy-assistant' }), /AUDIT_SALT/);
      assert.match(refusal({ ...CREDENTIALS, AUDIT_SALT: 'short' }), /AUDIT_SALT/);
    });
    it('keeps the development value for local use without credentials', () => {
      assert.equal(loadConfig({}).AUDIT_SALT, 'publisher-privacy-assistant');
    });
  });

  describe('where the server listens', () => {
    it('loopback only (127.0.0.1 and ::1) without MicrosoftAppId', () => assert.deepEqual(listenAddresses(loadConfig({})), ['127.0.0.1', '::1']));
    it('every address with MicrosoftAppId', () => assert.deepEqual(listenAddresses(loadConfig(CREDENTIALS)), ['::']));
    it('HOST=localhost is both loopback addresses', () => assert.deepEqual(listenAddresses(loadConfig({ HOST: 'localhost' })), ['127.0.0.1', '::1']));
    it('refuses a non-loopback HOST without credentials, naming HOST and ALLOW_UNAUTHENTICATED', () => {
      assert.match(refusal({ HOST: '0.0.0.0' }), /HOST: 0\.0\.0\.0 .*ALLOW_UNAUTHENTICATED=true/);
      assert.match(refusal({ HOST: '::' }), /HOST/);
    });
    it('accepts it with ALLOW_UNAUTHENTICATED=true, and a loopback HOST without', () => {
      assert.deepEqual(listenAddresses(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' })), ['0.0.0.0']);
      assert.deepEqual(listenAddresses(loadConfig({ HOST: '127.0.0.1' })), ['127.0.0.1']);
    });
    it('refuses a HOST that is not an address, and an ALLOW_UNAUTHENTICATED that is not true or false', () => {
      assert.match(refusal({ HOST: 'example.com' }), /HOST/);
      assert.match(refusal({ ALLOW_UNAUTHENTICATED: 'yes' }), /ALLOW_UNAUTHENTICATED/);
    });
  });

  it('the README’s Azure China table is the one generated from these presets', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    assert.ok(readme.includes(botCloudSettingsTable()), 'README.md: regenerate the table with botCloudSettingsTable()');
  });
});
