/**
 * The sign-in flow from a chat link to a linked identity: `start` turns a ticket into a redirect to
 * the provider; `finish` checks the callback (state, the browser that started it, then the ID token
 * through openid-client), matches the verified account to a listed AAD account and links the channel
 * identity to it. Every refusal is one outcome that names no publisher and no account.
 */
import type { Logger } from '../log';
import { metrics } from '../metrics/botMetrics';
import type { Locale } from '../i18n';
import type { PublisherAccess } from '../service/access';
import type { WechatBindings } from '../service/wechatBindings';
import type { OidcClient, VerifiedIdentity } from './oidcClient';
import { hashSecret, newSecret, SECRET_PATTERN, type SigninTicket, type SigninTickets } from './signinTickets';

export type StartOutcome = { kind: 'redirect'; url: URL; browserSecret: string } | { kind: 'refused'; reason: 'ticket' | 'provider' };

export type FinishOutcome =
  | { kind: 'linked'; ticket: SigninTicket; companyName: string }
  | { kind: 'noMatch'; ticket: SigninTicket }
  | { kind: 'refused'; reason: 'state' | 'browser' | 'token' | 'denied'; locale?: Locale };

export interface SigninFlowDependencies {
  oidc: OidcClient;
  tickets: SigninTickets;
  access: PublisherAccess;
  /** Links of WeChat openids (shared with code bindings). */
  wechatBindings: WechatBindings;
  /** Links of Teams users of another tenant. */
  teamsLinks: WechatBindings;
  logger: Logger;
}

export class SigninFlow {
  constructor(private readonly deps: SigninFlowDependencies) {}

  async start(t: string): Promise<StartOutcome> {
    const outcome = await this.startFlow(t);
    // Counted by outcome only: nothing about who signed in reaches the metrics.
    metrics.signIn(outcome.kind === 'redirect' ? 'started' : outcome.reason === 'ticket' ? 'refused' : 'failed');
    return outcome;
  }

  /** `callbackUrl` is the public callback URL with the query the browser brought. */
  async finish(callbackUrl: URL, state: string, browserSecret: string | undefined): Promise<FinishOutcome> {
    const outcome = await this.finishFlow(callbackUrl, state, browserSecret);
    metrics.signIn(outcome.kind === 'linked' ? 'succeeded' : 'refused');
    return outcome;
  }

  private async startFlow(t: string): Promise<StartOutcome> {
    const ticket = await this.deps.tickets.claim(t);
    if (!ticket) return { kind: 'refused', reason: 'ticket' };
    try {
      const request = await this.deps.oidc.authorizationRequest();
      const browserSecret = newSecret();
      await this.deps.tickets.savePending(request.state, { ticket, nonce: request.nonce, codeVerifier: request.codeVerifier, browser: hashSecret(browserSecret) });
      return { kind: 'redirect', url: request.url, browserSecret };
    } catch (error) {
      this.deps.logger.warn({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, 'sign-in could not reach the identity provider');
      return { kind: 'refused', reason: 'provider' };
    }
  }

  private async finishFlow(callbackUrl: URL, state: string, browserSecret: string | undefined): Promise<FinishOutcome> {
    const flow = await this.deps.tickets.claimPending(state);
    if (!flow) return { kind: 'refused', reason: 'state' };
    const { ticket } = flow;
    if (!browserSecret || !SECRET_PATTERN.test(browserSecret) || hashSecret(browserSecret) !== flow.browser) return { kind: 'refused', reason: 'browser', locale: ticket.locale };
    if (callbackUrl.searchParams.has('error')) return { kind: 'refused', reason: 'denied', locale: ticket.locale };
    let identity: VerifiedIdentity;
    try {
      identity = await this.deps.oidc.verifyCallback(callbackUrl, { state, nonce: flow.nonce, codeVerifier: flow.codeVerifier });
    } catch (error) {
      // The code says which check failed (e.g. OAUTH_JWT_CLAIM_COMPARISON); no claim values are logged.
      this.deps.logger.warn({ err: { name: (error as Error).name, code: (error as { code?: unknown }).code } }, 'sign-in callback refused');
      return { kind: 'refused', reason: 'token', locale: ticket.locale };
    }
    return this.link(ticket, identity);
  }

  private async link(ticket: SigninTicket, identity: VerifiedIdentity): Promise<FinishOutcome> {
    if (!identity.oid) return { kind: 'noMatch', ticket };
    // Matching by objectId, or by UPN for an account not yet known by objectId (which then learns it).
    const memberships = await this.deps.access.membershipsOf({ channel: 'aad', objectId: identity.oid, ...(identity.preferredUsername ? { upn: identity.preferredUsername } : {}) });
    const membership = memberships[0];
    if (!membership) return { kind: 'noMatch', ticket };
    const store = ticket.channel === 'wechat' ? this.deps.wechatBindings : this.deps.teamsLinks;
    await store.link(ticket.userId, membership.publisherId, identity.oid);
    return { kind: 'linked', ticket, companyName: membership.companyName };
  }
}
