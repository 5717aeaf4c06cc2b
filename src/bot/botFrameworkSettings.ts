/**
 * The Bot Framework settings botbuilder's `ConfigurationBotFrameworkAuthentication` reads, built from the
 * validated configuration: a preset per cloud (`BOT_CLOUD`), each value overridable by its own variable.
 * botbuilder accepts explicit endpoints only all together, so every one is always filled in.
 */
/** The clouds a bot registration can live in (`BOT_CLOUD`). */
export const BOT_CLOUDS = ['global', 'china'] as const;
export type BotCloud = (typeof BOT_CLOUDS)[number];

/** botbuilder's `MicrosoftAppType` values. */
export const BOT_APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

/** The endpoint settings, under botbuilder's own names. */
export const BOT_ENDPOINT_SETTINGS = [
  'OAuthUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
] as const;

export type BotEndpointSetting = (typeof BOT_ENDPOINT_SETTINGS)[number];

/**
 * The part of the validated configuration (src/config.ts) this module reads. Declared here, not
 * imported, because the configuration imports the checks below: the dependency runs one way.
 */
export type BotFrameworkConfig = Partial<Record<BotEndpointSetting, string>> & {
  BOT_CLOUD: BotCloud;
  MicrosoftAppId?: string | undefined;
  MicrosoftAppPassword?: string | undefined;
  MicrosoftAppType?: (typeof BOT_APP_TYPES)[number] | undefined;
  MicrosoftAppTenantId?: string | undefined;
  ChannelService?: string | undefined;
  CallerId?: string | undefined;
  ValidateAuthority?: boolean | undefined;
};

export interface BotCloudPreset {
  /** `{MicrosoftAppTenantId}` stands for the bot's tenant. */
  endpoints: Record<BotEndpointSetting, string>;
  ValidateAuthority: boolean;
  /** Stamped on authenticated activities as `callerId`; botbuilder has no value for Azure China. */
  CallerId?: string;
  /** The `ChannelService` value that names this cloud, accepted (and redundant) alongside the preset. */
  channelService?: string;
}

const TENANT = '{MicrosoftAppTenantId}';

export const BOT_CLOUD_PRESETS: Record<BotCloud, BotCloudPreset> = {
  // botbuilder's own built-in public-cloud values (a test compares them with botframework-connector's constants).
  global: {
    endpoints: {
      OAuthUrl: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    },
    ValidateAuthority: true,
    CallerId: 'urn:botframework:azure',
  },
  // Azure operated by 21Vianet: docs.azure.cn "Deploy bots to the Microsoft Azure operated by 21Vianet".
  china: {
    endpoints: {
      OAuthUrl: 'https://token.botframework.azure.cn/',
      ToChannelFromBotLoginUrl: `https://login.partner.microsoftonline.cn/${TENANT}`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.partner.microsoftonline.cn/botframework.com/v2.0/.well-known/openid-configuration',
    },
    ValidateAuthority: true,
    channelService: 'https://botframework.azure.cn',
  },
};

/** The settings handed to botbuilder: credentials, then each endpoint as set explicitly or by the preset. */
export function botFrameworkSettings(config: BotFrameworkConfig): Record<string, string> {
  const preset = BOT_CLOUD_PRESETS[config.BOT_CLOUD];
  const settings: Record<string, string> = {};
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const) {
    const value = config[name];
    if (value !== undefined) settings[name] = value;
  }
  for (const name of BOT_ENDPOINT_SETTINGS) {
    const value = config[name] ?? withTenant(preset.endpoints[name], config.MicrosoftAppTenantId);
    // Only a tenant-specific login URL can be missing, and only without credentials (nothing is sent then).
    if (value !== undefined) settings[name] = value;
  }
  settings.ValidateAuthority = String(config.ValidateAuthority ?? preset.ValidateAuthority);
  const callerId = config.CallerId ?? preset.CallerId;
  if (callerId !== undefined) settings.CallerId = callerId;
  return settings;
}

function withTenant(template: string, tenant: string | undefined): string | undefined {
  if (!template.includes(TENANT)) return template;
  return tenant === undefined ? undefined : template.replace(TENANT, tenant);
}

/** Combinations botbuilder would refuse late or run wrongly, each with what to set instead. */
export function botFrameworkProblems(config: BotFrameworkConfig): string[] {
  return [...credentialProblems(config), ...channelServiceProblems(config)];
}

function credentialProblems(config: BotFrameworkConfig): string[] {
  const { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppType: type, MicrosoftAppTenantId: tenant } = config;
  if (!appId) {
    const orphans = (['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const).filter((name) => config[name] !== undefined);
    return orphans.length ? [`MicrosoftAppId: required with ${orphans.join(', ')} (without it nothing is authenticated)`] : [];
  }
  const problems: string[] = [];
  if (type === 'SingleTenant' && !tenant) problems.push('MicrosoftAppTenantId: required with MicrosoftAppType=SingleTenant (the tenant of the bot registration)');
  if (type === 'UserAssignedMSI' && !tenant) problems.push('MicrosoftAppTenantId: required with MicrosoftAppType=UserAssignedMSI');
  if (type === 'UserAssignedMSI' && password) problems.push('MicrosoftAppPassword: must not be set with MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)');
  if (type !== 'UserAssignedMSI' && !password) problems.push('MicrosoftAppPassword: required with MicrosoftAppId (the client secret of the bot registration)');
  if (config.BOT_CLOUD === 'china' && (type === undefined || type === 'MultiTenant')) {
    problems.push('MicrosoftAppType: Azure China (BOT_CLOUD=china) registers bots as single-tenant: set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId (or UserAssignedMSI)');
  }
  return problems;
}

function channelServiceProblems(config: BotFrameworkConfig): string[] {
  if (config.ChannelService === undefined) return [];
  const missing = BOT_ENDPOINT_SETTINGS.filter((name) => config[name] === undefined);
  if (missing.length === 0 || config.ChannelService === BOT_CLOUD_PRESETS[config.BOT_CLOUD].channelService) return [];
  return [
    `ChannelService: botbuilder accepts it only together with every endpoint setting; for Azure China set BOT_CLOUD=china instead (ChannelService is then not needed), otherwise also set ${missing.join(', ')}`,
  ];
}

/** The README's table of what each `BOT_CLOUD` fills in, generated from the presets above. */
export function botCloudSettingsTable(): string {
  const row = (name: string, value: (preset: BotCloudPreset) => string | undefined): string =>
    `| \`${name}\` | ${BOT_CLOUDS.map((cloud) => cell(value(BOT_CLOUD_PRESETS[cloud]))).join(' | ')} |`;
  return [
    '| setting | `BOT_CLOUD=global` (default) | `BOT_CLOUD=china` |',
    '| --- | --- | --- |',
    ...BOT_ENDPOINT_SETTINGS.map((name) => row(name, (preset) => preset.endpoints[name])),
    row('ValidateAuthority', (preset) => String(preset.ValidateAuthority)),
    row('CallerId', (preset) => preset.CallerId),
  ].join('\n');
}

function cell(value: string | undefined): string {
  return value === undefined ? 'unset' : `\`${value}\``;
}
