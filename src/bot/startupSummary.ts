/**
 * The one line at start-up that says what is on: store, authentication, WeChat, sign-in, demo data,
 * retention and metrics. Built from settings only (never from stored data), so it carries no personal
 * data and no secret — only names of modes and numbers.
 */
import type { Config } from '../config';
import type { Logger } from '../log';

export interface StartupSummary {
  store: 'embedded' | 'redis';
  /** Redis Cluster (REDIS_CLUSTER_NODES) rather than one Redis. */
  cluster: boolean;
  /**
   * Without MicrosoftAppId requests are not authenticated: `loopback-only` (the default), or
   * `unauthenticated` when HOST and ALLOW_UNAUTHENTICATED open it to other addresses.
   */
  auth: 'loopback-only' | 'unauthenticated' | { appType: string; cloud: 'global' | 'china' | 'usgov' | 'custom' };
  /** `/wechat`: off, plaintext mode or safe (AES) mode; late answers need the AppSecret. */
  wechat: 'off' | { mode: 'plaintext' | 'safe'; lateAnswers: boolean };
  signIn: 'off' | 'on';
  demoData: 'loaded' | 'kept' | 'off';
  retention: { conversationMinutes: number; auditDays: number };
  metrics: 'off' | { host: string; port: number };
}

export interface StartupFacts {
  /** Whether this start loaded the demo publisher. */
  demoLoaded: boolean;
  /** The metrics listener's port, when it runs. */
  metricsPort?: number | undefined;
}

export function startupSummary(config: Config, env: NodeJS.ProcessEnv, facts: StartupFacts): StartupSummary {
  return {
    store: config.STORE,
    cluster: config.STORE === 'redis' && Boolean(env.REDIS_CLUSTER_NODES?.trim()),
    auth: config.MicrosoftAppId
      ? { appType: config.MicrosoftAppType ?? 'MultiTenant', cloud: botCloud(env) }
      : config.ALLOW_UNAUTHENTICATED && config.HOST !== undefined ? 'unauthenticated' : 'loopback-only',
    wechat: config.WECHAT_TOKEN
      ? { mode: config.WECHAT_ENCODING_AES_KEY ? 'safe' : 'plaintext', lateAnswers: Boolean(config.WECHAT_APP_ID && config.WECHAT_APP_SECRET) }
      : 'off',
    // Sign-in with the Azure account (OpenID Connect) is on with its client id; loadConfig requires the rest.
    signIn: config.AAD_CLIENT_ID ? 'on' : 'off',
    demoData: facts.demoLoaded ? 'loaded' : config.STORE === 'embedded' && config.DEMO_DATA === 'auto' ? 'kept' : 'off',
    retention: { conversationMinutes: config.CONVERSATION_TTL_MINUTES, auditDays: config.AUDIT_RETENTION_DAYS },
    metrics: facts.metricsPort === undefined ? 'off' : { host: config.METRICS_HOST, port: facts.metricsPort },
  };
}

/** Which Bot Framework cloud the endpoint settings point at (BOT_CLOUD when set, else the URLs). */
export function botCloud(env: NodeJS.ProcessEnv): 'global' | 'china' | 'usgov' | 'custom' {
  if (env.BOT_CLOUD?.trim() === 'china') return 'china';
  const endpoints = ['OAuthUrl', 'ToChannelFromBotOAuthScope', 'ToBotFromChannelTokenIssuer', 'ToBotFromChannelOpenIdMetadataUrl', 'ToChannelFromBotLoginUrl']
    .map((name) => env[name]?.trim())
    .filter((value): value is string => Boolean(value));
  if (endpoints.some((url) => /\.azure\.cn\b|\.chinacloudapi\.cn\b|partner\.microsoftonline\.cn/.test(url))) return 'china';
  if (endpoints.some((url) => /botframework\.us\b|microsoftonline\.us\b/.test(url))) return 'usgov';
  return endpoints.length === 0 || endpoints.every((url) => /botframework\.com|microsoftonline\.com/.test(url)) ? 'global' : 'custom';
}

/** Writes the summary as one info line, `msg: "startup summary"`. */
export function logStartupSummary(logger: Logger, summary: StartupSummary): void {
  logger.info({ summary }, 'startup summary');
}
