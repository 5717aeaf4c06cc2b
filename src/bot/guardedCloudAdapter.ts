/**
 * botbuilder's CloudAdapter with the request's outcome decided here: a request that fails
 * authentication for any reason is a 401, a malformed activity a 400, and neither reaches the bot.
 * botbuilder's own `process` answers some bad tokens with 500 and writes to the console.
 */
import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { inboundActivitySchema } from './inboundActivity';
import { ReusedUserTokenClients } from './reusedUserTokenClients';
import { VerifiedRequests } from './verifiedRequests';

export type BotRequestOutcome =
  | { kind: 'done'; status: number; body?: unknown }
  | { kind: 'unauthorized'; reason: string }
  /** The signing keys could not be loaded: the bot's fault (or the network's), not the caller's. */
  | { kind: 'keys-unavailable' }
  | { kind: 'malformed'; problem: string };

export class GuardedCloudAdapter extends CloudAdapter {
  /** Each token is verified once while it lives; its turns share one connector client. */
  private readonly verified = new VerifiedRequests();

  constructor(authentication: BotFrameworkAuthentication) {
    super(new ReusedUserTokenClients(authentication));
  }

  /** Authenticates, checks the activity's shape, then runs the turn; never throws for the caller's mistakes. */
  async processRequest(body: unknown, authorization: string, logic: (context: TurnContext) => Promise<void>): Promise<BotRequestOutcome> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'malformed', problem: 'body is not a JSON object' };
    const record = body as Record<string, unknown>;
    // The token is checked first: an unauthenticated caller learns nothing about the shape we accept.
    const routing = { channelId: stringOrEmpty(record.channelId), serviceUrl: stringOrEmpty(record.serviceUrl) } as Activity;
    let authenticated;
    try {
      authenticated = await this.verified.authenticate(authorization, routing.channelId, routing.serviceUrl, () =>
        this.botFrameworkAuthentication.authenticateRequest(routing, authorization),
      );
    } catch (error) {
      if (isKeyLoadFailure(error)) return { kind: 'keys-unavailable' };
      return { kind: 'unauthorized', reason: errorName(error) };
    }
    const parsed = inboundActivitySchema.safeParse(body);
    if (!parsed.success) return { kind: 'malformed', problem: parsed.error.issues.map((issue) => issue.path.join('.') || 'activity').join(', ') };
    const activity = withDates(parsed.data as unknown as Activity);
    const invokeResponse = await this.processActivity(authenticated, activity, logic);
    return { kind: 'done', status: invokeResponse?.status ?? 200, ...(invokeResponse?.body !== undefined ? { body: invokeResponse.body } : {}) };
  }
}

function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// botbuilder's OpenIdMetadata reports a failed key download as an AuthenticationError with status 500.
function isKeyLoadFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 500 && /Failed to load/.test(String((error as Error).message));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

// As botbuilder's own validateAndFixActivity: timestamps become Dates, the original strings are kept.
function withDates(activity: Activity): Activity {
  const raw = activity as unknown as Record<string, unknown>;
  for (const [field, rawField] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field]);
    }
  }
  return activity;
}
