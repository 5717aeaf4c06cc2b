/**
 * After an erasure or a correction, the old values must exist nowhere the bot controls. The store
 * itself is rewritten by the change; this sweeps what else may hold a copy: conversation state (a
 * draft of a deleted offer, a numbered menu naming it) and WeChat's stored answers (one that showed
 * it). What it finds is deleted whole: such state is disposable by design. Expired entries are
 * included: the engines delete those they meet.
 */
import type { KeyValueStore } from '../store/types';
import { KEYSPACE } from './keyspace';
import { ResidueRegistry } from './residueRegistry';

// Conversation and user state, WeChat's stored answers (and the dedupe entries that held them
// before answers moved to their own short-lived key), sign-in tickets and flows still pending (they
// hold the openid or Teams user they would link), and export links (they name the publisher, so an
// erased publisher's pending link goes too). Bindings and codes are removed by name.
const SWEPT_PREFIXES = [KEYSPACE.state, KEYSPACE.wechatAnswer, KEYSPACE.wechatDedupe, KEYSPACE.signinTicket, KEYSPACE.signinFlow, KEYSPACE.exportLink];
/** Entries that hold a WeChat user's openid or a Teams user's id but belong to no publisher yet. */
export const SIGNIN_PREFIXES = [KEYSPACE.signinTicket, KEYSPACE.signinFlow] as const;
// Fields that hold a category, not something about a person: a role or an offer kind would match
// unrelated entries (another publisher's state showing "admin").
const NOT_PERSONAL = new Set(['role', 'kind', 'status', 'submittedAt']);
// Shorter strings (a role, "1") would match unrelated state.
const MIN_NEEDLE_LENGTH = 3;

/** Every personal string in a record, for the list of values an erasure removes. */
export function leafStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(leafStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => (NOT_PERSONAL.has(key) ? [] : leafStrings(item)));
  }
  return [];
}

/**
 * Deletes the entries registered for the publisher (its conversations' state, the WeChat answers
 * given there) that hold one of the values; returns how many went. Reads only those entries, so a
 * turn's correction or erasure costs the same in a store of ten publishers or ten thousand.
 */
export async function sweepPublisherResidue(kv: KeyValueStore, publisherId: string, values: string[]): Promise<number> {
  const needles = needlesOf(values);
  if (needles.length === 0) return 0;
  return deleteHolding(kv, await new ResidueRegistry(kv).keysOf(publisherId), needles);
}

/**
 * Deletes every state, WeChat, sign-in or export entry that holds one of the values, wherever it is;
 * returns how many went. Reads every entry of those namespaces: for an operator's command (erasing
 * a whole publisher, an import), and for entries no publisher registers (a stranger's sign-in).
 */
export async function sweepResidue(kv: KeyValueStore, values: string[], prefixes: readonly string[] = SWEPT_PREFIXES): Promise<number> {
  const needles = needlesOf(values);
  if (needles.length === 0) return 0;
  let removed = 0;
  for (const prefix of prefixes) removed += await deleteHolding(kv, await kv.keys(prefix), needles);
  return removed;
}

/** The values as they appear in stored JSON text (quotes and backslashes escaped), long enough to mean something. */
function needlesOf(values: string[]): string[] {
  return [...new Set(values)].filter((value) => value.length >= MIN_NEEDLE_LENGTH).map((value) => JSON.stringify(value).slice(1, -1));
}

async function deleteHolding(kv: KeyValueStore, keys: string[], needles: string[]): Promise<number> {
  let removed = 0;
  for (const key of keys) {
    const stored = await kv.get(key);
    const text = stored ? JSON.stringify(stored.value) : '';
    if (needles.some((needle) => text.includes(needle)) && (await kv.delete(key))) removed += 1;
  }
  return removed;
}
