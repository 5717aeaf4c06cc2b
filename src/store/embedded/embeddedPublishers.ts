/**
 * Publishers as one JSON file each, replaced atomically under a per-publisher lock: the version
 * check and the write happen while no other writer (async or another process) can interleave.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { publisherSchema, type Publisher } from '../../domain/publisher';
import { ConflictError, type ExpectedVersion, type PublisherRepository, type VersionedPublisher } from '../types';
import { hasCode, readTextIfExists, removeFileDurably, writeFileAtomic } from './durableFiles';
import { withFileLock, type FileLockOptions } from './fileLock';
import { isPublisherId, type StoreLayout } from './layout';

interface CachedFile {
  stamp: string;
  stored: VersionedPublisher | undefined;
}

/** The embedded engine's `PublisherRepository`. */
export class EmbeddedPublisherRepository implements PublisherRepository {
  // Lookups scan every file; re-parsing only the ones whose inode, size or times changed keeps that cheap.
  private readonly cache = new Map<string, CachedFile>();

  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
  ) {}

  async get(id: string): Promise<VersionedPublisher | undefined> {
    if (!isPublisherId(id)) return undefined;
    return parseStored(await readTextIfExists(this.layout.publisherFile(id)));
  }

  async put(publisher: Publisher, expected: ExpectedVersion): Promise<number> {
    const canonical = publisherSchema.parse(publisher);
    const file = this.layout.publisherFile(canonical.id);
    return withFileLock(
      this.layout.publisherLock(canonical.id),
      async () => {
        const current = parseStored(await readTextIfExists(file));
        if (!matches(current, expected)) throw new ConflictError(canonical.id);
        const version = (current?.version ?? 0) + 1;
        await writeFileAtomic(file, JSON.stringify({ version, publisher: canonical }));
        return version;
      },
      this.lockOptions,
    );
  }

  async delete(id: string, expected: number | 'any'): Promise<void> {
    if (!isPublisherId(id)) {
      if (expected === 'any') return;
      throw new ConflictError(id);
    }
    await withFileLock(
      this.layout.publisherLock(id),
      async () => {
        const file = this.layout.publisherFile(id);
        const current = parseStored(await readTextIfExists(file));
        if (current === undefined && expected === 'any') return;
        if (!matches(current, expected)) throw new ConflictError(id);
        await removeFileDurably(file);
      },
      this.lockOptions,
    );
  }

  async findByAadObjectId(objectId: string): Promise<string[]> {
    const wanted = objectId.trim();
    if (wanted === '') return [];
    return this.idsWhere((p) => p.aadAccounts.some((account) => account.objectId === wanted));
  }

  async findByUpn(upn: string): Promise<string[]> {
    const wanted = upn.trim().toLowerCase();
    if (wanted === '') return [];
    return this.idsWhere((p) => p.aadAccounts.some((account) => account.upn.toLowerCase() === wanted));
  }

  async listIds(): Promise<string[]> {
    return this.idsWhere(() => true);
  }

  private async idsWhere(predicate: (publisher: Publisher) => boolean): Promise<string[]> {
    const all = await this.readAll();
    return all.filter((stored) => predicate(stored.publisher)).map((stored) => stored.publisher.id).sort();
  }

  private async readAll(): Promise<VersionedPublisher[]> {
    const names = (await fs.readdir(this.layout.publishersDir)).filter((name) => name.endsWith('.json'));
    for (const name of [...this.cache.keys()]) if (!names.includes(name)) this.cache.delete(name);
    const all = await Promise.all(names.map((name) => this.readCached(name)));
    return all.filter((stored): stored is VersionedPublisher => stored !== undefined);
  }

  private async readCached(name: string): Promise<VersionedPublisher | undefined> {
    const file = path.join(this.layout.publishersDir, name);
    try {
      const stat = await fs.stat(file, { bigint: true });
      const stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
      const cached = this.cache.get(name);
      if (cached?.stamp === stamp) return cached.stored;
      const stored = parseStored(await fs.readFile(file, 'utf8'));
      this.cache.set(name, { stamp, stored });
      return stored;
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return undefined; // deleted while we listed
      throw error;
    }
  }
}

function matches(current: VersionedPublisher | undefined, expected: ExpectedVersion): boolean {
  if (expected === 'any') return true;
  if (expected === 'new') return current === undefined;
  return current?.version === expected;
}

function parseStored(text: string | undefined): VersionedPublisher | undefined {
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as Partial<VersionedPublisher>;
  if (typeof value.version !== 'number' || typeof value.publisher !== 'object' || value.publisher === null) {
    throw new Error('corrupt publisher file');
  }
  return { version: value.version, publisher: value.publisher };
}
