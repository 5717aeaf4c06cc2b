/**
 * Which key-value entries may hold a copy of a publisher's data: the conversation state of every
 * conversation that acted for it, and the WeChat answers given there. A correction or an erasure
 * sweeps these by name, so its cost follows the publisher's own conversations, never the number of
 * entries in the store (a scan reads every entry: fine for an operator's command, not for a turn).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { KeyValueStore } from '../store/types';
import { KEYSPACE } from './keyspace';

/** Each registered key, with the time (epoch ms) until which it may still hold a copy. */
interface RegistryValue {
  keys: Record<string, number>;
}

// Conversations of one publisher registering at the same moment: each re-reads and merges, backing
// off a little longer each time, so a dozen at once all land (see the registry's test).
const MAX_ATTEMPTS = 40;

export class ResidueRegistry {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records that `keys` may hold the publisher's data for the next `holdMs`. */
  async note(publisherId: string, keys: string[], holdMs: number): Promise<void> {
    const key = registryKey(publisherId);
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.kv.get(key);
      const now = this.now();
      const live = liveKeys(stored?.value, now);
      for (const noted of keys) live[noted] = Math.max(live[noted] ?? 0, now + holdMs);
      // The registry lives as long as its longest-lived key, and no longer.
      const ttlMs = Math.max(...Object.values(live)) - now;
      const written = await this.kv.put(key, { keys: live } satisfies RegistryValue, stored ? { ifEtag: stored.etag, ttlMs } : { ifAbsent: true, ttlMs });
      if (written !== undefined) return;
      if (attempt >= MAX_ATTEMPTS) throw new Error('the residue registry kept changing under this write');
      await sleep(Math.random() * Math.min(attempt * 2, 20));
    }
  }

  /** The keys that may still hold the publisher's data (the entries themselves may have gone since). */
  async keysOf(publisherId: string): Promise<string[]> {
    return Object.keys(liveKeys((await this.kv.get(registryKey(publisherId)))?.value, this.now())).sort();
  }

  /** Forgets the publisher's registry (its erasure): nothing of theirs is left to sweep. */
  async forget(publisherId: string): Promise<void> {
    await this.kv.delete(registryKey(publisherId));
  }
}

function registryKey(publisherId: string): string {
  return `${KEYSPACE.residueRegistry}${publisherId}`;
}

/** The registered keys whose hold has not passed; anything unreadable counts as empty. */
function liveKeys(value: unknown, now: number): Record<string, number> {
  const keys = (value as Partial<RegistryValue> | undefined)?.keys;
  if (typeof keys !== 'object' || keys === null) return {};
  return Object.fromEntries(Object.entries(keys).filter(([, until]) => typeof until === 'number' && until > now));
}
