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
    // openid-client refuses http; configuration allows it only on loopback (a provider in tests).
    const insecure = authority.protocol === 'http:' && isSecureOrLoopback(authority);
    const config = await client.discovery(authority, this.settings.clientId, this.settings.clientSecret, undefined, {
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    });
    client.enableNonRepudiationChecks(config);
    return config;
  }
}

function openIdClient(): Promise<typeof OpenIdClient> {
  return import('openid-client');
}
