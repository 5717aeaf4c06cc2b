/**
 * Stands in for the Bot Framework's token issuer: an OpenID metadata document and a key set on
 * loopback, and a signer for channel tokens (RS256 with node:crypto, or forged ones on purpose).
 * botbuilder caches a key set per metadata URL, so each suite asks for its own URL.
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Channels this key may sign for, as published in the key set. */
  endorsements: string[];
}

export interface TokenOptions {
  key: SigningKey;
  /** Overrides the header's `kid` (an unknown one, say). */
  kid?: string;
  alg?: 'RS256' | 'none' | 'HS256';
  /** Signs with this key instead while keeping `key`'s kid (a wrong signature). */
  signWith?: KeyObject;
}

export function newSigningKey(endorsements: string[] = ['msteams']): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `test-${randomUUID()}`, privateKey, publicKey, endorsements };
}

export class BotFrameworkIssuer {
  private constructor(
    private readonly server: Server,
    private readonly keySets: Map<string, SigningKey[]>,
  ) {}

  static async start(): Promise<BotFrameworkIssuer> {
    const keySets = new Map<string, SigningKey[]>();
    const server = createServer((req, res) => {
      const [, suite, document] = /^\/([^/]+)\/(openid|keys)$/.exec(req.url ?? '') ?? [];
      const keys = suite ? keySets.get(suite) : undefined;
      if (!keys) {
        res.writeHead(404);
        return void res.end();
      }
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const body =
        document === 'openid'
          ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/${suite}/keys`, id_token_signing_alg_values_supported: ['RS256'] }
          : { keys: keys.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, use: 'sig', kty: 'RSA', endorsements: key.endorsements })) };
      // Two statements: restify (loaded in the same test process) patches writeHead to return nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new BotFrameworkIssuer(server, keySets);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A fresh metadata URL publishing these keys. */
  metadataUrl(keys: SigningKey[]): string {
    const suite = randomUUID();
    this.keySets.set(suite, keys);
    return `${this.baseUrl}/${suite}/openid`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Claims of a channel token for the bot `appId`, valid now, for this service URL. */
export function channelClaims(appId: string, serviceUrl: string, issuer = 'https://api.botframework.com'): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: issuer, aud: appId, serviceurl: serviceUrl, iat: now, nbf: now - 10, exp: now + 3600 };
}

/** A compact JWS: RS256 by default, or the forgeries botbuilder must refuse. */
export function signToken(claims: Record<string, unknown>, options: TokenOptions): string {
  const alg = options.alg ?? 'RS256';
  const header = { alg, typ: 'JWT', kid: options.kid ?? options.key.kid };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    // The classic confusion attack: the public key's PEM text used as an HMAC secret.
    const secret = options.key.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  }
  return `${input}.${sign('sha256', Buffer.from(input), options.signWith ?? options.key.privateKey).toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
