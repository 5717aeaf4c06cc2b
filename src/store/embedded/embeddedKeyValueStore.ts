/**
 * Small JSON values, one file per key (named by the key's sha256), each replaced atomically under
 * a per-key lock. Expired entries are deleted from disk when read and by a periodic sweep, which
 * finds them through the expiry index (it never reads the entries that are still alive).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { KeyValueStore, PutOptions, StoredValue } from '../types';
import { hasCode, isTempFile, readTextIfExists, removeFileDurably, unlinkIfExists, writeFileAtomic, type ReadObserver, type SyncObserver } from './durableFiles';
import { EXPIRY_LAYOUT, ExpiryIndex } from './expiryIndex';
import { withFileLock, type FileLockOptions } from './fileLock';
import type { StoreLayout } from './layout';

interface KvRecord {
  key: string;
  value: unknown;
  etag: string;
  /** Epoch ms; absent when the entry does not expire. */
  expiresAt?: number;
}

/** The embedded engine's `KeyValueStore`. */
export class EmbeddedKeyValueStore implements KeyValueStore {
  private readonly expiry: ExpiryIndex;

  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
    private readonly observe?: ReadObserver,
    private readonly onSync?: SyncObserver,
  ) {
    this.expiry = new ExpiryIndex(layout.expiryDir, onSync);
  }

  async get(key: string): Promise<StoredValue | undefined> {
    const record = parseRecord(await readTextIfExists(this.layout.kvFile(key), this.observe));
    if (record === undefined) return undefined;
    if (isExpired(record)) {
      await this.removeIfExpired(this.layout.kvHash(key));
      return undefined;
    }
    return { value: record.value, etag: record.etag };
  }

  async put(key: string, value: unknown, options: PutOptions = {}): Promise<string | undefined> {
    const json = toJson(value);
    return this.locked(key, async (current) => {
      if (current !== undefined && (options.ifAbsent === true || (options.ifEtag !== undefined && current.etag !== options.ifEtag))) {
        return undefined;
      }
      const etag = newEtag();
      const expiresAt = options.ttlMs === undefined ? undefined : Date.now() + options.ttlMs;
      await this.write({ key, value: JSON.parse(json) as unknown, etag, expiresAt }, current, options.disposable !== true);
      return etag;
    });
  }

  async delete(key: string, ifEtag?: string): Promise<boolean> {
    return this.locked(key, async (current) => {
      if (current === undefined || (ifEtag !== undefined && current.etag !== ifEtag)) return false;
      return this.remove(this.layout.kvHash(key), current);
    });
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return this.locked(key, async (current) => {
      if (current !== undefined && typeof current.value !== 'number') throw new Error('increment on a key that is not a counter');
      const count = current === undefined ? 1 : (current.value as number) + 1;
      // The window is fixed at creation: later increments do not extend it (rate limits rely on this).
      const expiresAt = current === undefined ? Date.now() + ttlMs : current.expiresAt;
      // Counters are never disposable: a rate limit rolled back by a power cut would let more through.
      await this.write({ key, value: count, etag: newEtag(), expiresAt }, current, true);
      return count;
    });
  }

  /** Reads every entry: for erasures and operator tools, never on a turn or a timer. */
  async keys(prefix: string): Promise<string[]> {
    const records = (await this.readAll()).filter((record) => record.key.startsWith(prefix));
    // An expired entry met on the way is deleted, as a read would: expired data must not linger on disk.
    for (const record of records.filter(isExpired)) await this.removeIfExpired(this.layout.kvHash(record.key));
    return records.filter((record) => !isExpired(record)).map((record) => record.key).sort();
  }

  /** Deletes every expired entry from disk; returns how many went. Reads only the entries that are due. */
  async sweepExpired(): Promise<number> {
    const now = Date.now();
    let removed = 0;
    for (const marker of await this.expiry.due(now)) {
      if (await this.removeIfExpired(marker.keyHash, marker.file)) removed += 1;
    }
    await this.expiry.removeEmptyBuckets(now);
    return removed;
  }

  /**
   * Gives every entry with an expiry its marker, when the expiry index is missing (a data directory
   * from before it existed) or was built in the older per-second layout: one pass over the entries
   * at open, none after. After it, an entry's marker is where `markerFile` says, which `write`
   * relies on to leave a marker in place; markers of the older layout stay until the sweep drops them.
   */
  async prepareExpiryIndex(): Promise<void> {
    const built = await readTextIfExists(this.layout.expiryBuiltMarker);
    if (built !== undefined && builtLayout(built) === EXPIRY_LAYOUT) return;
    const records = await this.readAll();
    // An empty store has nothing to index and opening it writes nothing (see PublisherIndex).
    if (records.length === 0) return;
    for (const record of records) if (record.expiresAt !== undefined) await this.expiry.add(record.expiresAt, this.layout.kvHash(record.key));
    await writeFileAtomic(this.layout.expiryBuiltMarker, JSON.stringify({ builtAt: new Date().toISOString(), layout: EXPIRY_LAYOUT }));
  }

  /** Runs `work` under the key's lock with its live record (an expired one is deleted first). */
  private async locked<T>(key: string, work: (current: KvRecord | undefined) => Promise<T>): Promise<T> {
    const hash = this.layout.kvHash(key);
    return withFileLock(
      this.layout.kvLockByHash(hash),
      async () => {
        let current = parseRecord(await readTextIfExists(this.layout.kvFileByHash(hash), this.observe));
        if (current !== undefined && isExpired(current)) {
          await this.remove(hash, current);
          current = undefined;
        }
        return work(current);
      },
      this.lockOptions,
    );
  }

  /**
   * Deletes the entry if it has expired; drops `marker` (a due marker the sweep found) when the entry
   * is gone or was renewed since (its new expiry has its own marker).
   */
  private async removeIfExpired(hash: string, marker?: string): Promise<boolean> {
    // Re-checked under the lock: another writer may have renewed the key since we read it.
    return withFileLock(
      this.layout.kvLockByHash(hash),
      async () => {
        const record = parseRecord(await readTextIfExists(this.layout.kvFileByHash(hash), this.observe));
        if (record !== undefined && isExpired(record)) {
          const removed = await this.remove(hash, record);
          // A marker of the older per-second layout is not the one `remove` knows of.
          if (marker !== undefined && !this.expiry.isMarkerOf(marker, record.expiresAt ?? 0, hash)) await unlinkIfExists(marker);
          return removed;
        }
        if (marker !== undefined && (record?.expiresAt === undefined || !this.expiry.isMarkerOf(marker, record.expiresAt, hash))) {
          await unlinkIfExists(marker);
        }
        return false;
      },
      this.lockOptions,
    );
  }

  /**
   * Replaces the entry; its new expiry is marked before it is written, the old one unmarked after.
   * When the new expiry falls in the bucket of the one it replaces (state rewritten turn after turn
   * within a minute), the marker is already there: nothing is written and nothing removed. That
   * needs no memory of our own, so it holds across processes: the record read under the key's lock
   * is the latest, whoever wrote it wrote its marker first, and only a later writer of this key,
   * under this same lock, removes that marker (the sweep only ever removes markers of buckets that
   * have passed, whose entries have expired and are not rewritten but replaced: see `locked`).
   * `durable` false: a disposable entry, not synced. Its new marker is, all the same (once a minute
   * per key at most): after a power cut the entry may come back, or an older version of it, but
   * never without a marker at or after its expiry, so expired personal data is still swept.
   */
  private async write(record: KvRecord, previous: KvRecord | undefined, durable: boolean): Promise<void> {
    const hash = this.layout.kvHash(record.key);
    const marker = record.expiresAt === undefined ? undefined : this.expiry.markerFile(record.expiresAt, hash);
    const previousMarker = previous?.expiresAt === undefined ? undefined : this.expiry.markerFile(previous.expiresAt, hash);
    if (record.expiresAt !== undefined && marker !== previousMarker) await this.expiry.add(record.expiresAt, hash);
    await writeFileAtomic(this.layout.kvFileByHash(hash), JSON.stringify(record), { durable, onSync: this.onSync });
    // Compared by file, not by time: two expiries in one bucket share the marker, which must stay.
    if (previous?.expiresAt !== undefined && previousMarker !== marker) await this.expiry.remove(previous.expiresAt, hash);
  }

  /** Deletes the entry, then its marker (a marker without an entry is harmless; the reverse is not). */
  private async remove(hash: string, record: KvRecord): Promise<boolean> {
    const removed = await removeFileDurably(this.layout.kvFileByHash(hash), this.onSync);
    if (record.expiresAt !== undefined) await this.expiry.remove(record.expiresAt, hash);
    return removed;
  }

  private async readAll(): Promise<KvRecord[]> {
    const names = (await fs.readdir(this.layout.kvDir)).filter((name) => name.endsWith('.json') && !isTempFile(name));
    const records = await Promise.all(
      names.map(async (name) => {
        try {
          const file = path.join(this.layout.kvDir, name);
          this.observe?.(file);
          return parseRecord(await fs.readFile(file, 'utf8'));
        } catch (error) {
          if (hasCode(error, 'ENOENT')) return undefined; // deleted while we listed
          throw error;
        }
      }),
    );
    return records.filter((record): record is KvRecord => record !== undefined);
  }
}

/** The expiry layout the `built` marker names; absent in data directories built per second. */
function builtLayout(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>).layout : undefined;
  } catch {
    return undefined; // a damaged marker: build again, which is harmless
  }
}

function isExpired(record: KvRecord): boolean {
  return record.expiresAt !== undefined && record.expiresAt <= Date.now();
}

function newEtag(): string {
  return randomBytes(9).toString('base64url');
}

function toJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('key-value store values must be JSON-serializable');
  return json;
}

function parseRecord(text: string | undefined): KvRecord | undefined {
  if (text === undefined) return undefined;
  const record = JSON.parse(text) as Partial<KvRecord>;
  if (typeof record.key !== 'string' || typeof record.etag !== 'string') throw new Error('corrupt key-value file');
  return { key: record.key, value: record.value, etag: record.etag, expiresAt: record.expiresAt };
}
