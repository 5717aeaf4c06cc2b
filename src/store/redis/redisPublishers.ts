/**
 * Publishers in Redis: one hash per publisher, replaced by a compare-and-set script. The lookup
 * indexes live in other hash slots, so they cannot change in the same step: they are kept a
 * superset (added before the write and again after it, removed only after re-reading the
 * publisher) and every lookup is verified against the stored publisher.
 */
import { publisherSchema, type Publisher } from '../../domain/publisher';
import { ConflictError, type ExpectedVersion, type PublisherRepository, type VersionedPublisher } from '../types';
import type { RedisConnection } from './redisClient';
import { isPublisherId, type RedisKeys } from './redisKeys';
import { deletePublisherScript, putPublisherScript, setAddScript, setRemoveScript } from './scripts';
import { SharedTurnReads, UNSHARED_READS, type TurnReads } from '../turnReads';

/** The Redis engine's `PublisherRepository`. */
export class RedisPublisherRepository implements PublisherRepository {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly reads: TurnReads = UNSHARED_READS,
  ) {}

  forTurn(): RedisPublisherRepository {
    return new RedisPublisherRepository(this.redis, this.keys, new SharedTurnReads());
  }

  async get(id: string): Promise<VersionedPublisher | undefined> {
    if (!isPublisherId(id)) return undefined;
    const key = this.keys.publisher(id);
    // Parsed per caller from the turn's one read: callers may change what they get.
    const { version, data } = await this.reads.once(key, () => this.redis.read((r) => r.hGetAll(key)));
    if (version === undefined || data === undefined) return undefined;
    return { version: Number(version), publisher: JSON.parse(data) as Publisher };
  }

  async put(publisher: Publisher, expected: ExpectedVersion): Promise<number> {
    const canonical = publisherSchema.parse(publisher);
    const id = canonical.id;
    if (!isPublisherId(id)) return this.write(canonical, expected, false);
    const key = this.keys.publisher(id);
    const unchanged = await this.sameIndexesAsRead(key, canonical, expected);
    this.reads.forget(key);
    try {
      return await this.write(canonical, expected, unchanged);
    } finally {
      this.reads.forget(key);
    }
  }

  /**
   * Whether this turn read the very version the write expects and it has the same index keys (a
   * contact or offer change, not an account change). Its writer kept those entries, so the
   * write needs no index step: one script instead of one per index key before and after.
   */
  private async sameIndexesAsRead(key: string, canonical: Publisher, expected: ExpectedVersion): Promise<boolean> {
    if (typeof expected !== 'number') return false;
    const earlier = this.reads.earlier<Record<string, string | undefined>>(key);
    const read = earlier === undefined ? undefined : await earlier.catch(() => undefined);
    if (read?.version !== String(expected) || read.data === undefined) return false;
    return sameKeys(this.keys.indexesOf(JSON.parse(read.data) as Publisher), this.keys.indexesOf(canonical));
  }

  private async write(canonical: Publisher, expected: ExpectedVersion, indexesUnchanged: boolean): Promise<number> {
    const id = canonical.id;
    if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= 1)) throw new ConflictError(id);
    const indexes = this.keys.indexesOf(canonical);
    if (indexesUnchanged) {
      const reply = await this.redis.runScript(putPublisherScript, [this.keys.publisher(id)], [String(expected), JSON.stringify(canonical)]);
      const [version, previous] = scriptReply(reply);
      if (version === 0) throw new ConflictError(id);
      // The version replaced is the one read, so its index keys are ours; should it not be (a
      // publisher deleted and made anew under the same version), the full index step follows.
      if (previous !== undefined && sameKeys(this.keys.indexesOf(JSON.parse(previous) as Publisher), indexes)) return version;
      await this.addToIndexes(id, indexes);
      const before = previous === undefined ? [] : this.keys.indexesOf(JSON.parse(previous) as Publisher);
      await this.dropStaleIndexes(id, before.filter((key) => !indexes.includes(key)));
      return version;
    }
    await this.addToIndexes(id, indexes);
    const reply = await this.redis.runScript(putPublisherScript, [this.keys.publisher(id)], [String(expected), JSON.stringify(canonical)]);
    const [version, previous] = scriptReply(reply);
    if (version === 0) {
      await this.dropStaleIndexes(id, indexes);
      throw new ConflictError(id);
    }
    // Again after the write: a concurrent `dropStaleIndexes` may have removed our early additions.
    await this.addToIndexes(id, indexes);
    const before = previous === undefined ? [] : this.keys.indexesOf(JSON.parse(previous) as Publisher);
    await this.dropStaleIndexes(id, before.filter((key) => !indexes.includes(key)));
    return version;
  }

  async delete(id: string, expected: number | 'any'): Promise<void> {
    if (!isPublisherId(id)) {
      if (expected === 'any') return;
      throw new ConflictError(id);
    }
    this.reads.forget(this.keys.publisher(id));
    const reply = await this.redis.runScript(deletePublisherScript, [this.keys.publisher(id)], [String(expected)]).finally(() => this.reads.forget(this.keys.publisher(id)));
    const [done, previous] = scriptReply(reply);
    if (done === 0) throw new ConflictError(id);
    if (previous !== undefined) await this.dropStaleIndexes(id, this.keys.indexesOf(JSON.parse(previous) as Publisher));
  }

  async findByAadObjectId(objectId: string): Promise<string[]> {
    const wanted = objectId.trim();
    if (wanted === '') return [];
    return this.verifiedMembers(this.keys.byObjectId(wanted), (p) => p.aadAccounts.some((a) => a.objectId === wanted));
  }

  async findByUpn(upn: string): Promise<string[]> {
    const wanted = upn.trim().toLowerCase();
    if (wanted === '') return [];
    return this.verifiedMembers(this.keys.byUpn(wanted), (p) => p.aadAccounts.some((a) => a.upn.toLowerCase() === wanted));
  }

  async listIds(): Promise<string[]> {
    const ids = (await this.redis.read((r) => r.sMembers(this.keys.publisherIds))).filter(isPublisherId);
    const exists = await Promise.all(ids.map((id) => this.redis.read((r) => r.exists(this.keys.publisher(id)))));
    return ids.filter((_, index) => exists[index] === 1).sort();
  }

  private async verifiedMembers(indexKey: string, holds: (publisher: Publisher) => boolean): Promise<string[]> {
    const ids = await this.redis.read((r) => r.sMembers(indexKey));
    const stored = await Promise.all(ids.map((id) => this.get(id)));
    return stored
      .filter((entry): entry is VersionedPublisher => entry !== undefined && holds(entry.publisher))
      .map((entry) => entry.publisher.id)
      .sort();
  }

  private async addToIndexes(id: string, indexes: string[]): Promise<void> {
    // One script per key rather than MULTI: the index keys sit in different cluster slots.
    await Promise.all(indexes.map((key) => this.redis.runScript(setAddScript, [key], [id])));
  }

  /**
   * Removes `id` from the candidate indexes the stored publisher no longer needs. A writer that
   * adds concurrently re-adds after its write, and we re-read after removing, so no needed entry
   * stays missing.
   */
  private async dropStaleIndexes(id: string, candidates: string[]): Promise<void> {
    if (candidates.length === 0) return;
    const needed = await this.neededIndexes(id);
    const stale = candidates.filter((key) => !needed.has(key));
    if (stale.length === 0) return;
    await Promise.all(stale.map((key) => this.redis.runScript(setRemoveScript, [key], [id])));
    const neededNow = await this.neededIndexes(id);
    await this.addToIndexes(id, stale.filter((key) => neededNow.has(key)));
  }

  private async neededIndexes(id: string): Promise<Set<string>> {
    const current = await this.get(id);
    return new Set(current === undefined ? [] : this.keys.indexesOf(current.publisher));
  }
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key) => b.includes(key));
}

/** Reads a script's `{number, string?}` reply. */
function scriptReply(reply: unknown): [number, string | undefined] {
  if (!Array.isArray(reply) || typeof reply[0] !== 'number') throw new Error('unexpected reply from Redis script');
  const previous: unknown = reply[1];
  return [reply[0], typeof previous === 'string' ? previous : undefined];
}
