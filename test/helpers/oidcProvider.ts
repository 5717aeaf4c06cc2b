/**
 * A real OpenID provider on loopback (oidc-provider, panva) standing in for Entra ID: its own login
 * form (any password), three accounts, and the bot registered as a confidential client. ID tokens
 * carry Entra's claims (oid, tid, preferred_username). Its cookies are renamed: cookies are shared
 * by host, not port, and the bot runs on 127.0.0.1 beside it.
 */
import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as OidcProviderModule from 'oidc-provider' with { 'resolution-mode': 'import' };
import { PLAYGROUND_USER } from '../../src/demo/demoPublisher';

/** Whom the test signs in as: login name on the provider's form → the claims its ID token carries. */
export const PROVIDER_ACCOUNTS = {
  /** The demo publisher's admin, matched by objectId. */
  alex: { oid: PLAYGROUND_USER.objectId, tid: '11111111-1111-1111-1111-111111111111', preferred_username: PLAYGROUND_USER.upn, name: 'Alex Wilber' },
  /** The demo publisher's member listed by UPN only: matched by UPN, and its objectId is filled in. */
  zhang: { oid: '22222222-2222-2222-2222-222222222222', tid: '11111111-1111-1111-1111-111111111111', preferred_username: 'zhang.wei@yunfan.partner.onmschina.cn', name: '张伟' },
  /** On no publisher's list. */
  nobody: { oid: '33333333-3333-3333-3333-333333333333', tid: '44444444-4444-4444-4444-444444444444', preferred_username: 'nobody@elsewhere.example', name: 'Nobody' },
} as const;

export const BOT_CLIENT = { id: 'ppa-bot', secret: 'ppa-bot-test-secret-0123456789' } as const;
/** Another application registered at the same provider: its ID tokens are not for the bot. */
export const OTHER_CLIENT = { id: 'other-app', secret: 'other-app-test-secret-0123456789' } as const;

export type ProviderLogin = keyof typeof PROVIDER_ACCOUNTS;

/** Rewrites the claims of the next ID token the token endpoint returns, re-signed by the provider's key or another. */
export interface IdTokenTamper {
  claims: (claims: Record<string, unknown>) => Record<string, unknown>;
  signWith: 'provider' | 'foreign';
}

const KEY_ID = 'test-provider-key';

export class TestOidcProvider {
  /** Armed by a test; used once by the next token response. */
  tamper: IdTokenTamper | undefined;
  /** How many token responses were rewritten. */
  tampered = 0;
  /** Leave `iss` out of authorization responses, as Entra does (RFC 9207 is not implemented there). */
  omitAuthorizationIss = false;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly providerKey: KeyObject,
  ) {}

  /** Starts on a free port; `redirectUri` is the bot's callback, or several bots' (both clients may use them). */
  static async start(redirectUri: string | string[]): Promise<TestOidcProvider> {
    const { default: Provider } = await import('oidc-provider');
    const server = createServer();
    // The provider signs with a key the test holds, so a test can forge what a rogue provider would send.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk: JsonWebKey = { ...privateKey.export({ format: 'jwk' }), kid: KEY_ID, alg: 'RS256', use: 'sig' };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = (id: string, secret: string): OidcProviderModule.ClientMetadata => ({
      client_id: id,
      client_secret: secret,
      redirect_uris: typeof redirectUri === 'string' ? [redirectUri] : redirectUri,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    });
    const provider = new Provider(issuer, {
      clients: [client(BOT_CLIENT.id, BOT_CLIENT.secret), client(OTHER_CLIENT.id, OTHER_CLIENT.secret)],
      findAccount: (_ctx, id) => {
        const claims = PROVIDER_ACCOUNTS[id as ProviderLogin];
        return claims ? { accountId: id, claims: () => ({ sub: `sub-${id}`, ...claims }) } : undefined;
      },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'oid', 'tid'] },
      // Entra puts the profile claims into the ID token itself.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      routes: { authorization: '/oidc/authorize', token: '/oidc/token', jwks: '/oidc/jwks' },
      jwks: { keys: [jwk] },
      cookies: { names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_resume' }, keys: ['test-cookie-key-0123456789abcdef'] },
    });
    const testProvider = new TestOidcProvider(server, issuer, createPrivateKey({ key: jwk, format: 'jwk' }));
    // The response parameters are emitted before they are sent: the one place to drop `iss`.
    // (@types/oidc-provider lists no such event, though the provider emits it.)
    const events: NodeJS.EventEmitter = provider;
    events.on('authorization.success', (_ctx: unknown, out: Record<string, unknown>) => {
      if (testProvider.omitAuthorizationIss) delete out.iss;
    });
    const handle = provider.callback();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const tamper = testProvider.tamper;
      if (tamper && req.method === 'POST' && req.url?.startsWith('/oidc/token')) {
        testProvider.tamper = undefined;
        testProvider.rewriteIdToken(res, tamper);
      }
      void handle(req, res);
    });
    return testProvider;
  }

  // Holds back the token response, swaps its id_token, then sends it with the right length.
  private rewriteIdToken(res: ServerResponse, tamper: IdTokenTamper): void {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
    res.end = ((chunk?: unknown) => {
      const body = JSON.parse(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk)) as { id_token?: string };
      if (body.id_token) {
        const [header, payload] = body.id_token.split('.');
        const claims = tamper.claims(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>);
        const key = tamper.signWith === 'provider' ? this.providerKey : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
        body.id_token = `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
        this.tampered++;
      }
      const text = JSON.stringify(body);
      if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
