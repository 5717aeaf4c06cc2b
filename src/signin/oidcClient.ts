/**
 * The OpenID Connect relying party, on openid-client (panva): discovery, the authorization URL with
 * PKCE, state and nonce, and the code exchange whose ID token openid-client verifies (issuer,
 * audience, expiry, nonce, and — with non-repudiation checks on — its signature against the JWKS).
 * openid-client is an ES module: it is loaded with import() from this CommonJS project.
 */
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import { isSecureOrLoopback } from './signinConfig';

export interface OidcSettings {
  authority: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** What the bot uses of a verified ID token. */
export interface VerifiedIdentity {
  oid?: string;
  tid?: string;
  preferredUsername?: string;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcClient {
  private configuration: Promise<OpenIdClient.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** Where to send the browser, and the secrets the callback must be checked against. */
  async authorizationRequest(): Promise<AuthorizationRequest> {
    const client = await openIdClient();
    const config = await this.config();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      // Always ask for the credentials: a browser already signed in to some account must not link it silently.
      prompt: 'login',
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code in the callback URL and returns the verified claims; throws when any check fails. */
  async verifyCallback(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedIdentity> {
    const client = await openIdClient();
    const tokens = await client.authorizationCodeGrant(await this.config(), callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    // Only the identity claims are kept; the tokens themselves go out of scope here.
    return {
      ...(typeof claims.oid === 'string' ? { oid: claims.oid } : {}),
      ...(typeof claims.tid === 'string' ? { tid: claims.tid } : {}),
      ...(typeof claims.preferred_username === 'string' ? { preferredUsername: claims.preferred_username } : {}),
    };
  }

  // Discovered once; a failed discovery is tried again on the next request rather than cached.
  private config(): Promise<OpenIdClient.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private async discover(): Promise<OpenIdClient.Configuration> {
    const client = await openIdClient();
    const authority = new URL(this.settings.authority);
    try {
      return await this.discoverAt(authority, undefined);
    } catch (error) {
      if (!isTemplatedIssuerMismatch(error)) throw error;
      // Entra's multi-tenant metadata names its issuer `…/{tenantid}/v2.0`. openid-client resolves
      // that template from each ID token's `tid` only for login.microsoftonline.com, so the other
      // clouds (login.partner.microsoftonline.cn) are discovered under that name, fetching the real
      // metadata: the issuer each token must carry is then the template with its own tenant.
      const alias = new URL(`${ENTRA_GLOBAL_ORIGIN}${authority.pathname.replace(/\/+$/, '')}`);
      const aliasMetadata = wellKnown(alias);
      const realMetadata = wellKnown(authority);
      const fetchReal: OpenIdClient.CustomFetch = (url, options) => fetch(url === aliasMetadata ? realMetadata : url, options);
      return this.discoverAt(alias, { [client.customFetch]: fetchReal }, authority);
    }
  }

  private async discoverAt(server: URL, fetchOption: Pick<OpenIdClient.DiscoveryRequestOptions, typeof OpenIdClient.customFetch> | undefined, real: URL = server): Promise<OpenIdClient.Configuration> {
    const client = await openIdClient();
    // openid-client refuses http; configuration allows it only on loopback (a provider in tests).
    const insecure = real.protocol === 'http:' && isSecureOrLoopback(real);
    const config = await client.discovery(server, this.settings.clientId, this.settings.clientSecret, undefined, {
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      ...fetchOption,
      timeout: 10,
    });
    client.enableNonRepudiationChecks(config);
    return config;
  }
}

const ENTRA_GLOBAL_ORIGIN = 'https://login.microsoftonline.com';

function wellKnown(authority: URL): string {
  return `${authority.href.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** The discovery error openid-client raises when the metadata's issuer is Entra's `{tenantid}` template. */
function isTemplatedIssuerMismatch(error: unknown): boolean {
  const { code, cause } = error as { code?: unknown; cause?: { attribute?: unknown; body?: { issuer?: unknown } } };
  const issuer = cause?.body?.issuer;
  return code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' && cause?.attribute === 'issuer' && typeof issuer === 'string' && issuer.includes('/{tenantid}/');
}

function openIdClient(): Promise<typeof OpenIdClient> {
  return import('openid-client');
}
