/**
 * Remembers the outcome of authenticating a Bot Framework request, so a channel that sends many
 * activities with one token pays for botbuilder's checks (key import, RSA signature, claims) once,
 * and its turns reuse one connector client instead of building a REST pipeline each.
 *
 * The outcome depends only on the Authorization header, the channel id and the service URL (the
 * claims checked against them), so those three, verbatim, are the key. A token's entry lasts until
 * the token's own `exp` (never botbuilder's five-minute tolerance past it); a request without a
 * token (authentication off) keeps its entry for `anonymousTtlMs`. Only successes are kept, and at
 * most `maxEntries` (the oldest goes first), so a stream of forged tokens or service URLs cannot
 * fill memory — each of them is verified, and refused, as before.
 */
import { ConnectorFactory, type AuthenticateRequestResult, type ConnectorClient } from 'botframework-connector';

export interface VerifiedRequestsOptions {
  maxEntries?: number;
  anonymousTtlMs?: number;
  now?: () => number;
}

interface Entry {
  result: AuthenticateRequestResult;
  expiresAt: number;
}

export class VerifiedRequests {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly anonymousTtlMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedRequestsOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.anonymousTtlMs = options.anonymousTtlMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** The remembered outcome for this request, or `verify()`'s (remembered when it succeeds). */
  async authenticate(authorization: string, channelId: string, serviceUrl: string, verify: () => Promise<AuthenticateRequestResult>): Promise<AuthenticateRequestResult> {
    const key = `${authorization}\n${channelId}\n${serviceUrl}`;
    const known = this.entries.get(key);
    if (known !== undefined && known.expiresAt > this.now()) return known.result;
    if (known !== undefined) this.entries.delete(key);
    const result = await verify();
    const expiresAt = authorization.trim() === '' ? this.now() + this.anonymousTtlMs : tokenExpiry(authorization);
    if (expiresAt !== undefined && expiresAt > this.now()) this.remember(key, { result: withReusedConnectors(result), expiresAt });
    return this.entries.get(key)?.result ?? result;
  }

  /** How many outcomes are remembered (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private remember(key: string, entry: Entry): void {
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }
}

/** `exp` (as ms) of a verified `Bearer` JWT; undefined when it has none (then nothing is kept). */
function tokenExpiry(authorization: string): number | undefined {
  const payload = authorization.replace(/^Bearer\s+/i, '').split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function withReusedConnectors(result: AuthenticateRequestResult): AuthenticateRequestResult {
  return result.connectorFactory ? { ...result, connectorFactory: new ReusedConnectorFactory(result.connectorFactory) } : result;
}

/** One connector client per service URL and audience, made on first use; a failed one is not kept. */
class ReusedConnectorFactory extends ConnectorFactory {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl}\n${audience ?? ''}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = this.inner.create(serviceUrl, audience);
      this.clients.set(key, client);
      client.catch(() => this.clients.delete(key));
    }
    return client;
  }
}
