/**
 * The embedded engine's look-up index: for each AAD objectId and each UPN, the ids of the publishers
 * whose account list holds it, one small file per key (named by the key's hash). A look-up reads
 * one file, however many publishers there are.
 *
 * Kept as durable as the publisher files: a writer records the keys it is about to change in a
 * pending file (per publisher) first, adds new entries before the publisher file is replaced and
 * removes old ones after. A writer killed mid-way leaves its pending file; the next open repairs
 * those keys from the publisher file. Until then a look-up may name a publisher that no longer holds
 * the key (callers re-check membership on the record they read), never miss one that does.
 */
import { promises as fs } from 'node:fs';
import type { Publisher } from '../../domain/publisher';
import { hasCode, readTextIfExists, removeFileDurably, writeFileAtomic, type ReadObserver } from './durableFiles';
import { withFileLock, type FileLockOptions } from './fileLock';
import { hashName, isPublisherId, type StoreLayout } from './layout';

/**
 * The hashed index keys of a publisher: of `aad:<objectId>` and `upn:<lowercase UPN>` of each account.
 * Only hashes reach the disk, also in pending files, so no index file holds an erased person's id.
 */
export function indexKeysOf(publisher: Publisher | undefined): Set<string> {
  const keys = new Set<string>();
  for (const account of publisher?.aadAccounts ?? []) {
    if (account.objectId !== undefined && account.objectId.trim() !== '') keys.add(aadKey(account.objectId));
    keys.add(upnKey(account.upn));
  }
  return keys;
}

export function aadKey(objectId: string): string {
  return hashName(`aad:${objectId.trim()}`);
}

export function upnKey(upn: string): string {
  return hashName(`upn:${upn.trim().toLowerCase()}`);
}

/** How a publisher's keys change with one write: what to add before it, what to remove after it. */
export interface IndexChange {
  added: string[];
  removed: string[];
}

export function indexChange(before: Publisher | undefined, after: Publisher | undefined): IndexChange {
  const old = indexKeysOf(before);
  const next = indexKeysOf(after);
  return { added: [...next].filter((key) => !old.has(key)), removed: [...old].filter((key) => !next.has(key)) };
}

export class PublisherIndex {
  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
    private readonly observe?: ReadObserver,
  ) {}

  /** Ids of the publishers listed under the key (`aadKey`/`upnKey`), sorted. One file read. */
  async lookup(indexKey: string): Promise<string[]> {
    return parseIds(await readTextIfExists(this.layout.indexFile(indexKey), this.observe));
  }

  /**
   * Replaces a publisher record with the index kept in step; the caller holds the publisher's lock.
   * `write` is the record's own durable write (or removal).
   */
  async around(publisherId: string, change: IndexChange, write: () => Promise<void>): Promise<void> {
    if (change.added.length === 0 && change.removed.length === 0) return write();
    const pending = this.layout.pendingIndexFile(publisherId);
    await writeFileAtomic(pending, JSON.stringify({ keys: [...change.added, ...change.removed] }));
    for (const key of change.added) await this.update(key, publisherId, true);
    await write();
    for (const key of change.removed) await this.update(key, publisherId, false);
    await removeFileDurably(pending);
  }

  /**
   * Finishes what a killed writer began: each key in its pending file lists the publisher exactly
   * when the publisher file holds the key. Takes the publisher's lock, so a live writer finishes first.
   */
  async repairPending(lockPublisher: <T>(publisherId: string, work: () => Promise<T>) => Promise<T>, read: (publisherId: string) => Promise<Publisher | undefined>): Promise<number> {
    let repaired = 0;
    for (const name of await listJson(this.layout.pendingIndexDir)) {
      const publisherId = name.slice(0, -'.json'.length);
      if (!isPublisherId(publisherId)) continue;
      await lockPublisher(publisherId, async () => {
        const file = this.layout.pendingIndexFile(publisherId);
        const text = await readTextIfExists(file, this.observe);
        if (text === undefined) return; // its writer finished meanwhile
        const held = indexKeysOf(await read(publisherId));
        for (const key of parseKeys(text)) await this.update(key, publisherId, held.has(key));
        await removeFileDurably(file);
        repaired += 1;
      });
    }
    return repaired;
  }

  /** Builds the index from every publisher file (a data directory from before the index existed). */
  async buildIfMissing(publisherIds: string[], lockPublisher: <T>(publisherId: string, work: () => Promise<T>) => Promise<T>, read: (publisherId: string) => Promise<Publisher | undefined>): Promise<boolean> {
    if ((await readTextIfExists(this.layout.indexBuiltMarker)) !== undefined) return false;
    // An empty store has nothing to build, and opening it must write nothing (a refused import leaves
    // no file). Its first writers keep the index; the next open sees publishers and marks it built.
    if (publisherIds.length === 0) return false;
    // A few publishers at a time: the file system then commits their syncs together (group commit).
    await forEachConcurrently(publisherIds, BUILD_CONCURRENCY, (publisherId) =>
      lockPublisher(publisherId, async () => {
        for (const key of indexKeysOf(await read(publisherId))) await this.update(key, publisherId, true);
      }),
    );
    await writeFileAtomic(this.layout.indexBuiltMarker, JSON.stringify({ builtAt: new Date().toISOString() }));
    return true;
  }

  /** Adds or removes one publisher under one key, under that key's lock (two publishers may share a UPN). */
  private async update(indexKey: string, publisherId: string, present: boolean): Promise<void> {
    await withFileLock(
      this.layout.indexLock(indexKey),
      async () => {
        const file = this.layout.indexFile(indexKey);
        const ids = parseIds(await readTextIfExists(file, this.observe));
        if (ids.includes(publisherId) === present) return;
        const next = present ? [...ids, publisherId].sort() : ids.filter((id) => id !== publisherId);
        // An empty entry is removed, so an erased person's hashed key does not linger either.
        if (next.length === 0) await removeFileDurably(file);
        else await writeFileAtomic(file, JSON.stringify({ ids: next }));
      },
      this.lockOptions,
    );
  }
}

const BUILD_CONCURRENCY = 16;

async function forEachConcurrently<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function listJson(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return [];
    throw error;
  }
}

function parseIds(text: string | undefined): string[] {
  if (text === undefined) return [];
  const value = JSON.parse(text) as { ids?: unknown };
  if (!Array.isArray(value.ids) || !value.ids.every((id): id is string => typeof id === 'string')) throw new Error('corrupt index file');
  return value.ids;
}

function parseKeys(text: string): string[] {
  const value = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(value.keys) || !value.keys.every((key): key is string => typeof key === 'string')) throw new Error('corrupt pending index file');
  return value.keys;
}
