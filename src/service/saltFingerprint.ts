/**
 * Remembers which AUDIT_SALT a store was used with (as a keyed fingerprint, never the salt), so a
 * changed salt is noticed at start-up instead of silently orphaning the WeChat bindings it keyed.
 */
import { createHmac } from 'node:crypto';
import type { KeyValueStore } from '../store/types';
import type { WechatBindings } from './wechatBindings';
import { KEYSPACE } from './keyspace';

const FINGERPRINT_KEY = 'meta:audit-salt-fingerprint';

export type SaltCheck =
  | { kind: 'first-use' }
  | { kind: 'unchanged' }
  /** The salt differs and the change was not confirmed: the caller refuses to start. */
  | { kind: 'changed'; bindings: number }
  /** The salt differs, the change was confirmed: the old bindings are gone and the new salt recorded. */
  | { kind: 'rotated'; removedBindings: number };

export function saltFingerprint(salt: string): string {
  return createHmac('sha256', salt).update('publisher-privacy-assistant salt fingerprint v1').digest('hex').slice(0, 32);
}

/** Compares the salt with the one the store remembers; with `rotate`, accepts a change and cleans up after it. */
export async function checkSaltFingerprint(kv: KeyValueStore, salt: string, bindings: WechatBindings, rotate: boolean): Promise<SaltCheck> {
  const fingerprint = saltFingerprint(salt);
  const stored = await kv.get(FINGERPRINT_KEY);
  if (!stored) {
    await kv.put(FINGERPRINT_KEY, fingerprint, { ifAbsent: true });
    return { kind: 'first-use' };
  }
  if (stored.value === fingerprint) return { kind: 'unchanged' };
  // Teams sign-in links are keyed by the salt too: they are orphaned (and removed) with the WeChat bindings.
  if (!rotate) return { kind: 'changed', bindings: (await kv.keys(KEYSPACE.wechatBinding)).length + (await kv.keys(KEYSPACE.teamsBinding)).length };
  const removedBindings = (await bindings.removeBindingsOfAnotherSalt()) + (await bindings.forChannel('teams').removeBindingsOfAnotherSalt());
  await kv.put(FINGERPRINT_KEY, fingerprint);
  return { kind: 'rotated', removedBindings };
}
