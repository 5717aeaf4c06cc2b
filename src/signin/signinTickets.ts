/**
 * The single-use tickets (`t`) in sign-in links, and the state of each flow between the redirect to
 * the provider and its callback. Both live in the shared key-value store, so any instance can serve
 * any step, and both are found only by a hash of their secret: the store never holds `t` or `state`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { Locale } from '../i18n';
import { KEYSPACE } from '../service/keyspace';
import type { KeyValueStore } from '../store/types';

export const TICKET_TTL_MS = 10 * 60_000;
/** Base64url of 32 random bytes: what a ticket or a browser cookie looks like, and nothing else. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Who asked for the link: the channel identity the sign-in will be linked to. */
export interface SigninTicket {
  channel: 'wechat' | 'msteams';
  /** The WeChat openid, or the Teams user's aadObjectId. */
  userId: string;
  locale: Locale;
  /** Teams: where the confirmation goes (the conversation the link came from). */
  conversation?: Partial<ConversationReference>;
}

/** A flow between /auth/start and /auth/callback. */
export interface PendingFlow {
  ticket: SigninTicket;
  nonce: string;
  codeVerifier: string;
  /** Hash of the cookie given to the browser that started the flow: only that browser may finish it. */
  browser: string;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class SigninTickets {
  constructor(private readonly kv: KeyValueStore) {}

  /** A fresh ticket for this channel identity, valid 10 minutes and once. */
  async issue(ticket: SigninTicket): Promise<string> {
    const t = newSecret();
    await this.kv.put(ticketKey(t), ticket, { ifAbsent: true, ttlMs: TICKET_TTL_MS });
    return t;
  }

  /** The ticket, removed so it cannot be used again; undefined when unknown, expired or used. */
  async claim(t: string): Promise<SigninTicket | undefined> {
    return SECRET_PATTERN.test(t) ? this.take(ticketKey(t), isTicket) : undefined;
  }

  /** Keeps the flow under its state until the callback, for what is left of the ticket's 10 minutes at most. */
  async savePending(state: string, flow: PendingFlow): Promise<void> {
    await this.kv.put(flowKey(state), flow, { ifAbsent: true, ttlMs: TICKET_TTL_MS });
  }

  /** The flow started with this state, removed: a callback is answered once. */
  async claimPending(state: string): Promise<PendingFlow | undefined> {
    return SECRET_PATTERN.test(state) ? this.take(flowKey(state), isPendingFlow) : undefined;
  }

  // Deleting with the etag is what claims it: of two simultaneous uses, only one deletes it.
  private async take<T>(key: string, is: (value: unknown) => value is T): Promise<T | undefined> {
    const stored = await this.kv.get(key);
    if (!stored || !is(stored.value)) return undefined;
    return (await this.kv.delete(key, stored.etag)) ? stored.value : undefined;
  }
}

function ticketKey(t: string): string {
  return `${KEYSPACE.signinTicket}${hashSecret(t)}`;
}

function flowKey(state: string): string {
  return `${KEYSPACE.signinFlow}${hashSecret(state)}`;
}

function isTicket(value: unknown): value is SigninTicket {
  const ticket = value as SigninTicket;
  return typeof value === 'object' && value !== null && (ticket.channel === 'wechat' || ticket.channel === 'msteams') && typeof ticket.userId === 'string' && typeof ticket.locale === 'string';
}

function isPendingFlow(value: unknown): value is PendingFlow {
  const flow = value as PendingFlow;
  return typeof value === 'object' && value !== null && isTicket(flow.ticket) && typeof flow.nonce === 'string' && typeof flow.codeVerifier === 'string' && typeof flow.browser === 'string';
}
