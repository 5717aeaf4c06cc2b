/**
 * Small JSON values in Redis: one hash per key (fields `value`, `etag`) with a PX expiry. Every
 * conditional write is one Lua script, so two bot instances cannot both win.
 */
import { randomBytes } from 'node:crypto';
import type { KeyValueStore, PutOptions, StoredValue } from '../types';
import type { RedisConnection } from './redisClient';
import type { RedisKeys } from './redisKeys';
import { deleteValueScript, incrementScript, putValueScript } from './scripts';

/** The Redis engine's `KeyValueStore`. */
export class RedisKeyValueStore implements KeyValueStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly names: RedisKeys,
  ) {}

  async get(key: string): Promise<StoredValue | undefined> {
    const { value, etag } = await this.redis.read((r) => r.hGetAll(this.names.kv(key)));
    if (value === undefined || etag === undefined) return undefined;
    return { value: JSON.parse(value) as unknown, etag };
  }

  async put(key: string, value: unknown, options: PutOptions = {}): Promise<string | undefined> {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError('key-value store values must be JSON-serializable');
    const etag = newEtag();
    const args = [
      json,
      etag,
      options.ifAbsent === true ? '1' : '',
      options.ifEtag === undefined ? '' : '1',
      options.ifEtag ?? '',
      options.ttlMs === undefined ? '' : String(wholeMs(options.ttlMs)),
    ];
    const written = await this.redis.runScript(putValueScript, [this.names.kv(key)], args);
    return written === 1 ? etag : undefined;
  }

  async delete(key: string, ifEtag?: string): Promise<boolean> {
    const args = [ifEtag === undefined ? '' : '1', ifEtag ?? ''];
    return (await this.redis.runScript(deleteValueScript, [this.names.kv(key)], args)) === 1;
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const count = await this.redis.runScript(incrementScript, [this.names.kv(key)], [String(wholeMs(ttlMs)), newEtag()]);
    if (typeof count !== 'number') throw new Error('unexpected reply from Redis script');
    return count;
  }

  async keys(prefix: string): Promise<string[]> {
    // SCAN, never KEYS: KEYS blocks the server for as long as it walks the whole keyspace. On a
    // cluster the scan visits every master, each holding its own share of the keys.
    const names = await this.redis.scan(this.names.kvPattern(prefix));
    // SCAN may still return a key that expired a moment ago: keep the live ones only.
    const live = await Promise.all(names.map((name) => this.redis.read((r) => r.exists(name))));
    const start = this.names.kvPrefix.length;
    return names.filter((_, index) => live[index] === 1).map((name) => name.slice(start)).sort();
  }
}

function newEtag(): string {
  return randomBytes(9).toString('base64url');
}

/** PEXPIRE takes whole milliseconds and deletes the key at once when given 0 or less. */
function wholeMs(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
