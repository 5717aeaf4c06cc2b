/**
 * Small JSON values, one file per key (named by the key's sha256), each replaced atomically under
 * a per-key lock. Expired entries are deleted from disk when read and by a periodic sweep.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { KeyValueStore, PutOptions, StoredValue } from '../types';
import { hasCode, isTempFile, readTextIfExists, removeFileDurably, writeFileAtomic } from './durableFiles';
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
  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
  ) {}

  async get(key: string): Promise<StoredValue | undefined> {
    const record = parseRecord(await readTextIfExists(this.layout.kvFile(key)));
    if (record === undefined) return undefined;
    if (isExpired(record)) {
      await this.removeIfExpired(key);
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
      await this.write({ key, value: JSON.parse(json) as unknown, etag, expiresAt });
      return etag;
    });
  }

  async delete(key: string, ifEtag?: string): Promise<boolean> {
    return this.locked(key, async (current) => {
      if (current === undefined || (ifEtag !== undefined && current.etag !== ifEtag)) return false;
      return removeFileDurably(this.layout.kvFile(key));
    });
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return this.locked(key, async (current) => {
      if (current !== undefined && typeof current.value !== 'number') throw new Error('increment on a key that is not a counter');
      const count = current === undefined ? 1 : (current.value as number) + 1;
      // The window is fixed at creation: later increments do not extend it (rate limits rely on this).
      const expiresAt = current === undefined ? Date.now() + ttlMs : current.expiresAt;
      await this.write({ key, value: count, etag: newEtag(), expiresAt });
      return count;
    });
  }

  async keys(prefix: string): Promise<string[]> {
    const records = (await this.readAll()).filter((record) => record.key.startsWith(prefix));
    // An expired entry met on the way is deleted, as a read would: expired data must not linger on disk.
    for (const record of records.filter(isExpired)) await this.removeIfExpired(record.key);
    return records.filter((record) => !isExpired(record)).map((record) => record.key).sort();
  }

  /** Deletes every expired entry from disk; returns how many went. */
  async sweepExpired(): Promise<number> {
    let removed = 0;
    for (const record of await this.readAll()) {
      if (isExpired(record) && (await this.removeIfExpired(record.key))) removed += 1;
    }
    return removed;
  }

  /** Runs `work` under the key's lock with its live record (an expired one is deleted first). */
  private async locked<T>(key: string, work: (current: KvRecord | undefined) => Promise<T>): Promise<T> {
    return withFileLock(
      this.layout.kvLock(key),
      async () => {
        const file = this.layout.kvFile(key);
        let current = parseRecord(await readTextIfExists(file));
        if (current !== undefined && isExpired(current)) {
          await removeFileDurably(file);
          current = undefined;
        }
        return work(current);
      },
      this.lockOptions,
    );
  }

  private async removeIfExpired(key: string): Promise<boolean> {
    // Re-checked under the lock: another writer may have renewed the key since we read it.
    return withFileLock(
      this.layout.kvLock(key),
      async () => {
        const file = this.layout.kvFile(key);
        const record = parseRecord(await readTextIfExists(file));
        return record !== undefined && isExpired(record) && removeFileDurably(file);
      },
      this.lockOptions,
    );
  }

  private async write(record: KvRecord): Promise<void> {
    await writeFileAtomic(this.layout.kvFile(record.key), JSON.stringify(record));
  }

  private async readAll(): Promise<KvRecord[]> {
    const names = (await fs.readdir(this.layout.kvDir)).filter((name) => name.endsWith('.json') && !isTempFile(name));
    const records = await Promise.all(
      names.map(async (name) => {
        try {
          return parseRecord(await fs.readFile(path.join(this.layout.kvDir, name), 'utf8'));
        } catch (error) {
          if (hasCode(error, 'ENOENT')) return undefined; // deleted while we listed
          throw error;
        }
      }),
    );
    return records.filter((record): record is KvRecord => record !== undefined);
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
