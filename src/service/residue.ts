/**
 * After an erasure, the erased values must exist nowhere the bot controls. The store itself is
 * rewritten by the erasure; this sweeps what else may hold a copy: conversation and user state
 * (a draft of a deleted offer, a numbered menu naming it) and WeChat's dedupe entries (a stored
 * answer that showed it). What it finds is deleted whole: such state is disposable by design.
 * Expired entries are included: the engines delete those they meet.
 */
import type { KeyValueStore } from '../store/types';
import { KEYSPACE } from './keyspace';

// Conversation and user state, WeChat's stored answers, and sign-in tickets and flows still pending
// (they hold the openid or Teams user they would link), and export links (they name the publisher,
// so an erased publisher's pending link goes too). Bindings and codes are removed by name.
const SWEPT_PREFIXES = [KEYSPACE.state, KEYSPACE.wechatDedupe, KEYSPACE.signinTicket, KEYSPACE.signinFlow, KEYSPACE.exportLink];
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

/** Deletes every state or WeChat entry whose value holds one of the erased values; returns how many went. */
export async function sweepResidue(kv: KeyValueStore, erasedValues: string[]): Promise<number> {
  // Compare as JSON text, so a value with quotes or backslashes matches how it is stored.
  const needles = [...new Set(erasedValues)].filter((value) => value.length >= MIN_NEEDLE_LENGTH).map((value) => JSON.stringify(value).slice(1, -1));
  if (needles.length === 0) return 0;
  let removed = 0;
  for (const prefix of SWEPT_PREFIXES) {
    for (const key of await kv.keys(prefix)) {
      const stored = await kv.get(key);
      const text = stored ? JSON.stringify(stored.value) : '';
      if (needles.some((needle) => text.includes(needle)) && (await kv.delete(key))) removed += 1;
    }
  }
  return removed;
}
