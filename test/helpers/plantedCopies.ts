/**
 * Copies of a publisher's data planted in the key-value store the way a conversation's turn leaves
 * them: the entry written, and registered under the publisher (as TurnResidue does before a turn
 * saves state), so a correction's or an erasure's sweep finds it by name.
 */
import { wechatAnswerKey } from '../../src/service/keyspace';
import { ResidueRegistry } from '../../src/service/residueRegistry';
import type { KeyValueStore } from '../../src/store/types';

const HOLD_MS = 3_600_000;

/** Writes `value` at `key` and registers it for the publisher (or each, for a member of several). */
export async function plantCopy(kv: KeyValueStore, publisherIds: string | readonly string[], key: string, value: unknown, ttlMs = 60_000): Promise<void> {
  for (const id of typeof publisherIds === 'string' ? [publisherIds] : publisherIds) await new ResidueRegistry(kv).note(id, [key], HOLD_MS);
  await kv.put(key, value, { ttlMs });
}

/** The answer WeChat was last given for a user (by hash), registered for the publisher; returns its key. */
export async function plantAnswer(kv: KeyValueStore, publisherIds: string | readonly string[], userHash: string, reply: string): Promise<string> {
  const key = wechatAnswerKey(userHash);
  await plantCopy(kv, publisherIds, key, { message: `wechat:dedupe:${userHash}:1`, reply });
  return key;
}
