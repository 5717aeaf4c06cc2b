/**
 * All configuration, read once from the environment and validated. A bad value stops start-up
 * with a message that names the variable.
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive());

const configSchema = z.object({
  PORT: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(65535)).default(3978),
  STORE: z.enum(['embedded', 'redis']).default('embedded'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, hostname: /./ }).default('redis://127.0.0.1:6379'),
  /** Namespace of every Redis key, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_:.-]{1,40}$/).default('ppa:'),
  CONVERSATION_TTL_MINUTES: duration.default(30),
  AUDIT_RETENTION_DAYS: duration.default(3 * 365),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Salt for hashing actor ids in the audit trail; set it in production so hashes cannot be guessed. */
  AUDIT_SALT: z.string().min(1).default('publisher-privacy-assistant'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  PRIVACY_CONTACT: z.string().min(1).default('privacy@example.com'),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Reads and validates the configuration; throws `ConfigError` naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty or blank variable counts as unset, as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration. ${problems.join('; ')}`);
  }
  return result.data;
}
