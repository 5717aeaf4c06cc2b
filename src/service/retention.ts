/** Retention limits the store's own expiry does not cover: old request records and old audit entries. */
import type { StoreEngine } from '../store/types';
import { ConflictError } from '../store/types';
import { recordErasure } from './receipts';
import { leafStrings, sweepPublisherResidue } from './residue';

/** Removes request records submitted before the cut-off from every publisher; returns how many went. */
export async function purgeRequestRecords(store: StoreEngine, cutoff: Date, actor = 'operator'): Promise<number> {
  let purged = 0;
  for (const publisherId of await store.publishers.listIds()) {
    purged += await purgeOne(store, publisherId, cutoff, actor);
  }
  return purged;
}

async function purgeOne(store: StoreEngine, publisherId: string, cutoff: Date, actor: string): Promise<number> {
  // Re-read and retry on conflict: a user may be editing the same publisher right now.
  for (;;) {
    const stored = await store.publishers.get(publisherId);
    if (!stored) return 0;
    const old = stored.publisher.requestRecords.filter((record) => Date.parse(record.submittedAt) < cutoff.getTime());
    if (old.length === 0) return 0;
    const requestRecords = stored.publisher.requestRecords.filter((record) => !old.includes(record));
    try {
      await store.publishers.put({ ...stored.publisher, requestRecords }, stored.version);
    } catch (error) {
      if (error instanceof ConflictError) continue;
      throw error;
    }
    await sweepPublisherResidue(store.kv, publisherId, leafStrings(old));
    // The ids (opaque, not personal) let an import refuse to bring a purged record back.
    const fields = old.map((record) => `requestRecords[${record.id}]`);
    await recordErasure(store.audit, { actor, publisherId, action: 'records.purge', fields, erased: [{ category: 'requestRecord', count: old.length }] });
    return old.length;
  }
}

/** Removes audit entries older than the retention period; returns how many went. */
export function applyAuditRetention(store: StoreEngine, retentionDays: number, now: Date = new Date()): Promise<number> {
  return store.audit.purgeBefore(new Date(now.getTime() - retentionDays * 86_400_000));
}

/** "365d", "12h", "30m" → milliseconds; undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([dhm])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}
