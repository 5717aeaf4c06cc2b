/**
 * The settings of "sign in with your Azure account": validated with the rest of the configuration.
 * Sign-in is on when AAD_CLIENT_ID is set; then the secret and the public address are required.
 */
import { z } from 'zod';

/** Entra ID operated by 21Vianet, any organization's tenant: where the publishers' accounts live. */
export const DEFAULT_AAD_AUTHORITY = 'https://login.partner.microsoftonline.cn/organizations/v2.0';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for https, and for http on a loopback host (tests and local use only). */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

// zod runs refinements even after a failed format check: a value that is no URL must not throw here.
function parsed(value: string): URL | undefined {
  return URL.canParse(value) ? new URL(value) : undefined;
}

/** An https URL (http only on loopback), without query or fragment, without a trailing slash. */
const baseUrl = z
  .url({ protocol: /^https?$/, hostname: /./ })
  .refine((value) => !parsed(value) || isSecureOrLoopback(parsed(value)!), { error: 'must be https (http only on localhost/127.0.0.1)' })
  .refine((value) => !parsed(value)?.search && !parsed(value)?.hash, { error: 'must have no query or fragment' })
  .transform((value) => value.replace(/\/+$/, ''));

export const signinSettings = {
  /** The app registration's client id; sign-in is off without it. */
  AAD_CLIENT_ID: z.string().trim().min(1).max(100).optional(),
  AAD_CLIENT_SECRET: z.string().min(1).optional(),
  AAD_AUTHORITY: baseUrl.default(DEFAULT_AAD_AUTHORITY),
  /** Where users reach this bot from a browser: the sign-in links and the redirect URI start with it. */
  PUBLIC_BASE_URL: baseUrl.optional(),
};

interface SigninSettings {
  AAD_CLIENT_ID?: string | undefined;
  AAD_CLIENT_SECRET?: string | undefined;
  PUBLIC_BASE_URL?: string | undefined;
}

/** What sign-in needs besides the client id. */
export function signinRules(config: SigninSettings): string[] {
  if (!config.AAD_CLIENT_ID) return [];
  const problems: string[] = [];
  if (!config.AAD_CLIENT_SECRET) problems.push('AAD_CLIENT_SECRET: required with AAD_CLIENT_ID');
  if (!config.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL: required with AAD_CLIENT_ID (the redirect URI is {PUBLIC_BASE_URL}/auth/callback)');
  return problems;
}
