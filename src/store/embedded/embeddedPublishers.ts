/**
 * Publishers as one JSON file each, replaced atomically under a per-publisher lock: the version
 * check and the write happen while no other writer (async or another process) can interleave.
 * Who-holds-this-account look-ups go through `PublisherIndex`, kept in step under the same lock.
 */
import { promises as fs } from 'node:fs';
import { publisherSchema, type Publisher } from '../../domain/publisher';
import { ConflictError, type ExpectedVersion, type PublisherRepository, type VersionedPublisher } from '../types';
import { readTextIfExists, removeFileDurably, writeFileAtomic, type ReadObserver } from './durableFiles';
import { withFileLock, type FileLockOptions } from './fileLock';
import { isPublisherId, type StoreLayout } from './layout';
import { aadKey, indexChange, PublisherIndex, upnKey } from './publisherIndex';

/** The embedded engine's `PublisherRepository`. Look-ups read one index file, not the publishers. */
export class EmbeddedPublisherRepository implements PublisherRepository {
  private readonly index: PublisherIndex;

  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
    private readonly observe?: ReadObserver,
  ) {
    this.index = new PublisherIndex(layout, lockOptions, observe);
  }

  /** Files are read per call: a turn shares nothing (a read is one small file from the page cache). */
  forTurn(): EmbeddedPublisherRepository {
    return this;
  }

  async get(id: string): Promise<VersionedPublisher | undefined> {
    if (!isPublisherId(id)) return undefined;
    return this.read(id);
  }

  async put(publisher: Publisher, expected: ExpectedVersion): Promise<number> {
    const canonical = publisherSchema.parse(publisher);
    const file = this.layout.publisherFile(canonical.id);
    return this.locked(canonical.id, async () => {
      const current = await this.read(canonical.id);
      if (!matches(current, expected)) throw new ConflictError(canonical.id);
      const version = (current?.version ?? 0) + 1;
      await this.index.around(canonical.id, indexChange(current?.publisher, canonical), () =>
        writeFileAtomic(file, JSON.stringify({ version, publisher: canonical })),
      );
      return version;
    });
  }

  async delete(id: string, expected: number | 'any'): Promise<void> {
    if (!isPublisherId(id)) {
      if (expected === 'any') return;
      throw new ConflictError(id);
    }
    await this.locked(id, async () => {
      const current = await this.read(id);
      if (current === undefined && expected === 'any') return;
      if (!matches(current, expected)) throw new ConflictError(id);
      await this.index.around(id, indexChange(current?.publisher, undefined), async () => {
        await removeFileDurably(this.layout.publisherFile(id));
      });
    });
  }

  async findByAadObjectId(objectId: string): Promise<string[]> {
    if (objectId.trim() === '') return [];
    return this.index.lookup(aadKey(objectId));
  }

  async findByUpn(upn: string): Promise<string[]> {
    if (upn.trim() === '') return [];
    return this.index.lookup(upnKey(upn));
  }

  /** The ids from the file names alone: no publisher file is read. */
  async listIds(): Promise<string[]> {
    const names = await fs.readdir(this.layout.publishersDir);
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isPublisherId)
      .sort();
  }

  /**
   * Brings the index up to date at open: built from every file when it is missing (a data directory
   * from before it existed, or `index/` deleted by an operator), repaired where a writer was killed.
   */
  async prepareIndex(): Promise<void> {
    const lock = <T>(id: string, work: () => Promise<T>): Promise<T> => this.locked(id, work);
    const read = async (id: string): Promise<Publisher | undefined> => (await this.read(id))?.publisher;
    await this.index.repairPending(lock, read);
    await this.index.buildIfMissing(await this.listIds(), lock, read);
  }

  private locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    return withFileLock(this.layout.publisherLock(id), work, this.lockOptions);
  }

  private async read(id: string): Promise<VersionedPublisher | undefined> {
    return parseStored(await readTextIfExists(this.layout.publisherFile(id), this.observe));
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
