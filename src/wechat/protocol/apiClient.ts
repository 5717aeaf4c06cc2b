/**
 * A small client for the WeChat official-account API on global fetch. The access token lives in the
 * shared KeyValueStore so every bot instance uses the same one: each refresh invalidates the previous
 * token after ~5 minutes, so instances refreshing independently would keep breaking each other.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyValueStore } from '../../store/types';
import { WechatApiError } from './errors';

export const DEFAULT_WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

/** errcodes meaning "this access token is no good": invalid, expired, malformed. */
const TOKEN_ERRCODES = new Set([40001, 42001, 40014]);
const TOKEN_PATH = '/cgi-bin/stable_token';

export interface WechatApiClientOptions {
  appId: string;
  appSecret: string;
  /** Shared by all instances: holds the token and the lock around its refresh. */
  kv: KeyValueStore;
  /** Defaults to https://api.weixin.qq.com (tests point it at a local fake). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per request; default 10 s. */
  requestTimeoutMs?: number;
  /** Renew a token this long before it expires; default 5 min. */
  renewBeforeMs?: number;
  /** Lifetime of the refresh lock, in case its holder dies; default request timeout + 5 s. */
  lockTtlMs?: number;
  /** How long an instance that did not get the lock waits for the holder's token; default 5 s. */
  lockWaitMs?: number;
  /** How often a waiting instance re-reads the store; default 100 ms. */
  lockPollMs?: number;
  now?: () => number;
}

/** The token as stored in the KeyValueStore. */
interface StoredToken {
  accessToken: string;
  /** Epoch ms after which instances fetch a new one. */
  refreshAt: number;
}

type Json = Record<string, unknown>;

/** Calls the WeChat API with a shared, self-renewing access token. */
export class WechatApiClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly requestTimeoutMs: number;
  private readonly renewBeforeMs: number;
  private readonly lockTtlMs: number;
  private readonly lockWaitMs: number;
  private readonly lockPollMs: number;
  private readonly now: () => number;
  private readonly tokenKey: string;
  private readonly lockKey: string;
  /** In-flight token lookups of this instance, by the token they replace ('' for none). */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly options: WechatApiClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_WECHAT_API_BASE_URL).replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.renewBeforeMs = options.renewBeforeMs ?? 5 * 60_000;
    this.lockTtlMs = options.lockTtlMs ?? this.requestTimeoutMs + 5_000;
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
    this.lockPollMs = options.lockPollMs ?? 100;
    this.now = options.now ?? Date.now;
    this.tokenKey = `wechat:access-token:${options.appId}`;
    this.lockKey = `wechat:access-token-lock:${options.appId}`;
  }

  /** Sends a customer-service text message (within 48 h of the user's last message). */
  async sendText(openid: string, content: string): Promise<void> {
    await this.post('/cgi-bin/message/custom/send', { touser: openid, msgtype: 'text', text: { content } }, [openid]);
  }

  /**
   * POSTs JSON to an API path with the access token; retries once with a new token when WeChat rejects
   * the token. Returns WeChat's answer; throws WechatApiError on a non-zero errcode. `secrets` are removed
   * from error details (openids, for instance).
   */
  async post(path: string, payload: unknown, secrets: readonly string[] = []): Promise<Json> {
    let token = await this.accessToken();
    for (let attempt = 0; ; attempt++) {
      const answer = await this.request(path, payload, token);
      const errcode = errcodeOf(answer);
      if (errcode !== 0 && TOKEN_ERRCODES.has(errcode) && attempt === 0) {
        await this.dropToken(token);
        token = await this.accessToken(token);
        continue;
      }
      if (errcode !== 0) throw apiError(path, answer, [...secrets, token]);
      return answer;
    }
  }

  /** A valid access token, from the shared store or freshly fetched; `rejected` is one WeChat just refused. */
  accessToken(rejected?: string): Promise<string> {
    const key = rejected ?? '';
    let lookup = this.pending.get(key);
    if (lookup === undefined) {
      // One lookup per instance at a time; the KV lock handles the other instances.
      lookup = this.lookUpToken(rejected).finally(() => this.pending.delete(key));
      this.pending.set(key, lookup);
    }
    return lookup;
  }

  private async lookUpToken(rejected: string | undefined): Promise<string> {
    for (let round = 0; round < 3; round++) {
      const cached = await this.usableToken(rejected);
      if (cached !== undefined) return cached;
      const lockEtag = await this.options.kv.put(
        this.lockKey,
        { holder: randomUUID() },
        { ifAbsent: true, ttlMs: this.lockTtlMs },
      );
      if (lockEtag !== undefined) {
        try {
          // Another instance may have stored a token between our read and our lock.
          return (await this.usableToken(rejected)) ?? (await this.fetchToken(rejected !== undefined));
        } finally {
          await this.releaseLock(lockEtag);
        }
      }
      const fromPeer = await this.waitForPeer(rejected);
      if (fromPeer !== undefined) return fromPeer;
    }
    throw new WechatApiError(`${TOKEN_PATH}: no access token (the refresh lock stayed taken)`, { path: TOKEN_PATH });
  }

  /** Polls the store while another instance holds the lock; undefined if it gave up or let go without a token. */
  private async waitForPeer(rejected: string | undefined): Promise<string | undefined> {
    const deadline = this.now() + this.lockWaitMs;
    while (this.now() < deadline) {
      await sleep(this.lockPollMs);
      const token = await this.usableToken(rejected);
      if (token !== undefined) return token;
      if ((await this.options.kv.get(this.lockKey)) === undefined) return undefined;
    }
    return undefined;
  }

  private async usableToken(rejected: string | undefined): Promise<string | undefined> {
    const stored = await this.options.kv.get(this.tokenKey);
    const token = asStoredToken(stored?.value);
    if (token === undefined || token.accessToken === rejected || token.refreshAt <= this.now()) return undefined;
    return token.accessToken;
  }

  /** Removes the token from the store, unless another instance has already replaced it. */
  private async dropToken(rejected: string): Promise<void> {
    const stored = await this.options.kv.get(this.tokenKey);
    if (stored !== undefined && asStoredToken(stored.value)?.accessToken === rejected) {
      await this.options.kv.delete(this.tokenKey, stored.etag);
    }
  }

  private async releaseLock(etag: string): Promise<void> {
    try {
      await this.options.kv.delete(this.lockKey, etag);
    } catch {
      // The lock expires on its own; failing to delete it must not hide the token we got.
    }
  }

  /** stable_token: normal mode returns the current token; force mode replaces one WeChat rejected. */
  private async fetchToken(force: boolean): Promise<string> {
    const { appId, appSecret } = this.options;
    const body = { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: force };
    const answer = await this.request(TOKEN_PATH, body, undefined);
    const accessToken = answer.access_token;
    const expiresIn = answer.expires_in;
    if (errcodeOf(answer) !== 0 || typeof accessToken !== 'string' || accessToken === '') {
      throw apiError(TOKEN_PATH, answer, [appSecret]);
    }
    if (typeof expiresIn !== 'number' || !(expiresIn > 0)) throw apiError(TOKEN_PATH, answer, [appSecret, accessToken]);
    const lifetimeMs = expiresIn * 1000;
    // Renew ahead of expiry, but never sooner than half-way, so a short-lived answer does not refetch on every call.
    const refreshAt = this.now() + Math.max(lifetimeMs - this.renewBeforeMs, lifetimeMs / 2);
    const stored: StoredToken = { accessToken, refreshAt };
    await this.options.kv.put(this.tokenKey, stored, { ttlMs: lifetimeMs });
    return accessToken;
  }

  private async request(path: string, payload: unknown, token: string | undefined): Promise<Json> {
    const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`;
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (error) {
      // Only a code travels on: fetch errors can quote the URL, which holds the token.
      throw new WechatApiError(`${path}: no answer`, { path, networkCode: networkCodeOf(error) });
    }
    if (!response.ok) {
      throw new WechatApiError(`${path}: HTTP ${response.status}`, { path, httpStatus: response.status });
    }
    let answer: unknown;
    try {
      answer = await response.json();
    } catch {
      throw new WechatApiError(`${path}: the answer is not JSON`, { path, httpStatus: response.status });
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new WechatApiError(`${path}: the answer is not a JSON object`, { path, httpStatus: response.status });
    }
    return answer as Json;
  }
}

function asStoredToken(value: unknown): StoredToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { accessToken, refreshAt } = value as Partial<Record<keyof StoredToken, unknown>>;
  return typeof accessToken === 'string' && typeof refreshAt === 'number' ? { accessToken, refreshAt } : undefined;
}

function errcodeOf(answer: Json): number {
  // Successful answers of some APIs (stable_token) carry no errcode at all.
  return typeof answer.errcode === 'number' ? answer.errcode : 0;
}

function apiError(path: string, answer: Json, secrets: readonly string[]): WechatApiError {
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : undefined;
  const errmsg = typeof answer.errmsg === 'string' ? redact(answer.errmsg, secrets) : undefined;
  const what = errcode === undefined ? 'an unexpected answer' : `errcode ${errcode}`;
  return new WechatApiError(`${path}: ${what}`, { path, errcode, errmsg });
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret !== '')
    .reduce((result, secret) => result.replaceAll(secret, '[redacted]'), text);
}

function networkCodeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
    if (typeof code === 'string') return code;
    return error.name;
  }
  return 'unknown';
}
