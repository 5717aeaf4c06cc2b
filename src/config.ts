/**
 * All configuration, read once from the environment and validated. A bad value stops start-up
 * with a message that names the variable.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { BOT_APP_TYPES, BOT_CLOUDS, botFrameworkProblems } from './bot/botFrameworkSettings';
import { signinRules, signinSettings } from './signin/signinConfig';

// Bot Framework endpoints: https, or http to this machine (local OpenID metadata servers in tests).
const endpointUrl = z.url({ protocol: /^https?$/ }).refine((value) => value.startsWith('https://') || isLoopbackHost(new URL(value).hostname), 'must be https (http only to 127.0.0.1, ::1 or localhost)');
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

// The development salt makes every audit pseudonym and binding key guessable: never with real credentials.
const DEFAULT_AUDIT_SALT = 'publisher-privacy-assistant';

const duration = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive());

const redisUrl = z.url({ protocol: /^rediss?$/, hostname: /./ });

/** Comma-separated `redis[s]://host:port` seed nodes, each a valid URL with a port, no duplicates. */
const clusterNodes = z
  .string()
  .transform((text) => text.split(',').map((node) => node.trim()))
  .pipe(
    z
      .array(redisUrl.refine((url) => URL.canParse(url) && new URL(url).port !== '', 'each node needs a port (redis://host:port)'))
      .min(1)
      .refine((nodes) => new Set(nodes).size === nodes.length, 'a node is listed twice'),
  );

const configSchema = z.object({
  /** The address to listen on; unset: loopback only without MicrosoftAppId, every address with it. */
  HOST: z.string().refine((value) => value === 'localhost' || isIP(value) !== 0, 'an IP address (0.0.0.0, ::, 10.0.0.5) or localhost').optional(),
  /** Lets a server without MicrosoftAppId listen beyond loopback: anyone who reaches it can claim any identity. */
  ALLOW_UNAUTHENTICATED: flag.default(false),
  PORT: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(65535)).default(3978),
  /** Idle keep-alive connections stay open this long; above the usual load balancer idle timeout (60 s). */
  HTTP_KEEP_ALIVE_SECONDS: duration.pipe(z.number().max(3600)).default(65),
  STORE: z.enum(['embedded', 'redis']).default('embedded'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** Redis Cluster seed nodes; when set, the Redis engine uses the cluster client and REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  /** Deadline of every store command: past it the command counts as failed and a write is not applied. */
  STORE_COMMAND_TIMEOUT_MS: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(50).max(60_000)).default(2000),
  /** Namespace of every Redis key, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,40}$/).default('ppa:'),
  CONVERSATION_TTL_MINUTES: duration.default(30),
  /** A user's preferences (language, chosen publisher) go after this many days without use. */
  USER_STATE_TTL_DAYS: duration.default(90),
  AUDIT_RETENTION_DAYS: duration.default(3 * 365),
  /** Port of the separate listener serving GET /metrics (Prometheus); unset: no metrics listener. `0` picks a free one. */
  METRICS_PORT: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(65535)).optional(),
  /** Address of the metrics listener: loopback unless deliberately opened (e.g. to a scraper on the private network). */
  METRICS_HOST: z.string().refine((value) => value === 'localhost' || isIP(value) !== 0, 'an IP address (127.0.0.1, 0.0.0.0, ::) or localhost').default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Salt for hashing actor ids in the audit trail; set it in production so hashes cannot be guessed. */
  AUDIT_SALT: z.string().min(1).default(DEFAULT_AUDIT_SALT),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  PRIVACY_CONTACT: z.string().min(1).default('privacy@example.com'),
  /** The official account's Token; without it the /wechat endpoint is off. */
  WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/).optional(),
  WECHAT_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/i).optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  /** Safe mode (AES) when set; plaintext mode when absent. 43 characters, from the official account's console. */
  WECHAT_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/).optional(),
  /** The key before the last rotation, still tried when the current one fails. */
  WECHAT_PREVIOUS_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/).optional(),
  WECHAT_MAX_CLOCK_SKEW_SECONDS: duration.default(300),
  WECHAT_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  /** How long a turn may take before WeChat gets `success` and the answer goes by the customer-service API. */
  WECHAT_REPLY_BUDGET_MS: duration.default(4500),
  /** When set, the salt in use was deliberately changed: bindings made with the old one are removed at start-up. */
  AUDIT_SALT_ROTATE: flag.default(false),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(BOT_APP_TYPES).optional(),
  MicrosoftAppTenantId: z.string().regex(/^[A-Za-z0-9.-]{1,100}$/, 'a tenant id (GUID) or domain').optional(),
  /** Which Bot Framework cloud the registration lives in: its endpoints are filled in (src/bot/botFrameworkSettings.ts). */
  BOT_CLOUD: z.enum(BOT_CLOUDS).default('global'),
  /** botbuilder's own cloud switch; accepted only with every endpoint setting below, since botbuilder needs them all. */
  ChannelService: z.string().optional(),
  OAuthUrl: endpointUrl.optional(),
  ToChannelFromBotLoginUrl: endpointUrl.optional(),
  ToChannelFromBotOAuthScope: z.string().max(300).optional(),
  ToBotFromChannelTokenIssuer: z.string().max(300).optional(),
  ToBotFromChannelOpenIdMetadataUrl: endpointUrl.optional(),
  ToBotFromEmulatorOpenIdMetadataUrl: endpointUrl.optional(),
  CallerId: z.string().max(300).optional(),
  ValidateAuthority: flag.optional(),
  ...signinSettings,
});

export type Config = z.output<typeof configSchema>;

// Safe mode needs the appid (it is inside every ciphertext) and the token.
const wechatRules = (config: Config): string[] => {
  const problems: string[] = [];
  if (config.REDIS_CLUSTER_NODES && config.STORE !== 'redis') problems.push('REDIS_CLUSTER_NODES: only used with STORE=redis');
  if (config.WECHAT_ENCODING_AES_KEY && !config.WECHAT_APP_ID) problems.push('WECHAT_APP_ID: required with WECHAT_ENCODING_AES_KEY');
  if ((config.WECHAT_ENCODING_AES_KEY || config.WECHAT_APP_ID) && !config.WECHAT_TOKEN) problems.push('WECHAT_TOKEN: required to serve /wechat');
  return problems;
};

const saltRules = (config: Config): string[] =>
  config.MicrosoftAppId && (config.AUDIT_SALT === DEFAULT_AUDIT_SALT || config.AUDIT_SALT.length < 16)
    ? ['AUDIT_SALT: set a secret value of your own (at least 16 characters) when MicrosoftAppId is set; the built-in development value makes the audit pseudonyms guessable']
    : [];

// Without credentials anyone who can connect can claim any Teams identity: loopback only, unless asked for.
const listenRules = (config: Config): string[] =>
  !config.MicrosoftAppId && config.HOST !== undefined && !isLoopbackHost(config.HOST) && !config.ALLOW_UNAUTHENTICATED
    ? [`HOST: ${config.HOST} is not a loopback address and MicrosoftAppId is not set, so anyone who reaches it could act as any Teams user; set MicrosoftAppId (with MicrosoftAppPassword), or ALLOW_UNAUTHENTICATED=true to accept that`]
    : [];

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || /^::ffff:127\./i.test(bare);
}

/** A bad setting: start-up stops with a message that names the variable. */
export class ConfigError extends Error {
  readonly code = 'E-CONFIG';
}

/** Reads and validates the configuration; throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty or blank variable counts as unset, as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = configSchema.safeParse(present);
  const problems = result.success
    ? [...wechatRules(result.data), ...saltRules(result.data), ...listenRules(result.data), ...botFrameworkProblems(result.data), ...signinRules(result.data)]
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (!result.success || problems.length) throw new ConfigError(`Invalid configuration. ${problems.join('; ')}`);
  return result.data;
}
