/**
 * The key-value store's namespaces, named once: what writes an entry and what an erasure sweeps
 * read the same names, so the sweep can never drift from what is written. A WeChat openid (or a
 * linked Teams user's aadObjectId) appears in keys only as its salted hash.
 */
import { createHmac } from 'node:crypto';

export const KEYSPACE = {
  /** botbuilder conversation and user state (the bot's Storage adapter). */
  state: 'state:',
  /** WeChat's retries: that a message was seen (no content), for an hour. */
  wechatDedupe: 'wechat:dedupe:',
  /** The last answer given to a WeChat user, for a retry of that message (a minute), by the user's hash. */
  wechatAnswer: 'wechat:answer:',
  wechatBinding: 'wechat:binding:',
  wechatCode: 'wechat:code:',
  wechatBindFailures: 'wechat:bind-failures:',
  wechatBindFailuresGlobal: 'wechat:bind-failures-global:',
  wechatWrongGuesses: 'wechat:bind-wrong-guesses',
  wechatPublisherBindings: 'wechat:publisher-bindings:',
  /** Teams users of another tenant linked by sign-in, by the salted hash of their aadObjectId. */
  teamsBinding: 'teams:binding:',
  teamsPublisherBindings: 'teams:publisher-bindings:',
  /** Sign-in links' single-use tickets and the flows between redirect and callback (10 minutes), by a hash of their secret. */
  signinTicket: 'signin:ticket:',
  signinFlow: 'signin:flow:',
  /** That a conversation was welcomed (a flag, by a hash of the conversation id), for as long as conversation state lives. */
  welcomed: 'welcomed:',
  /** Export download links (10 minutes, once), by a hash of their token; the value names the publisher. */
  exportLink: 'export:link:',
  /** Per publisher, the entries above that may hold a copy of its data (see ResidueRegistry). */
  residueRegistry: 'residue:',
} as const;

/**
 * The channels whose users a store binds to publishers, named by this table's keys, with the
 * namespaces of each: its bindings, the per-publisher index of them, and (WeChat only) the one-time
 * codes. Binding code reads the names from here, so a channel is spelt once, never as a string.
 */
export const BINDING_KEYSPACE = {
  wechat: { binding: KEYSPACE.wechatBinding, index: KEYSPACE.wechatPublisherBindings, code: KEYSPACE.wechatCode },
  /** Teams users of another tenant link by sign-in alone: no codes. */
  teams: { binding: KEYSPACE.teamsBinding, index: KEYSPACE.teamsPublisherBindings, code: undefined },
} as const;

export type BindingChannel = keyof typeof BINDING_KEYSPACE;

/** The salted hash that stands for an openid in keys and in the pseudonymous ids of state. */
export function openidHash(salt: string, openid: string): string {
  return createHmac('sha256', salt).update(`openid:${openid}`).digest('hex').slice(0, 32);
}

/** The salted hash that stands for a linked Teams user's aadObjectId in keys (never equal to an openid's). */
export function teamsUserHash(salt: string, objectId: string): string {
  return createHmac('sha256', salt).update(`teams-user:${objectId}`).digest('hex').slice(0, 32);
}

/** Where the last answer to a WeChat user (by `openidHash`) is kept for a retry of its message. */
export function wechatAnswerKey(userHash: string): string {
  return `${KEYSPACE.wechatAnswer}${userHash}`;
}
