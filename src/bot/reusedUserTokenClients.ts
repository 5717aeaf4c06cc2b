/**
 * botbuilder's CloudAdapter asks its authentication for a new user-token client on every turn
 * (`createUserTokenClient`), which builds a credential and a whole REST pipeline each time — about
 * 5% of a turn's CPU in the profile, for a client most turns never use. This authentication hands
 * out one client per bot app id instead; everything else goes to botbuilder's own, unchanged.
 */
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

// A bot has one app id (a skill host a few): more than this means something is wrong, so stop keeping them.
const MAX_CLIENTS = 16;

export class ReusedUserTokenClients extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // As botbuilder picks the app id: the audience (a channel's token), else the appid claim (the emulator's).
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    const known = this.clients.get(appId);
    if (known !== undefined) return known;
    const created = this.inner.createUserTokenClient(claimsIdentity);
    if (this.clients.size < MAX_CLIENTS) {
      this.clients.set(appId, created);
      created.catch(() => this.clients.delete(appId));
    }
    return created;
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader);
  }

  override authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}
