/** Retention checks: how long each key-value entry of an engine under test has left. */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createClient, type RedisClientType } from 'redis';
import type { EngineUnderTest } from './residueEngines';

/** Remaining lifetime of every key-value entry, by key; `undefined` for one that does not expire. */
export async function kvLifetimes(engine: EngineUnderTest): Promise<Map<string, number | undefined>> {
  const lifetimes = new Map<string, number | undefined>();
  if (engine.name === 'embedded') {
    const dir = path.join(engine.env.DATA_DIR!, 'kv');
    for (const name of (await fs.readdir(dir)).filter((file) => file.endsWith('.json'))) {
      const { key, expiresAt } = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as { key: string; expiresAt?: number };
      lifetimes.set(key, expiresAt === undefined ? undefined : expiresAt - Date.now());
    }
    return lifetimes;
  }
  const prefix = `${engine.env.REDIS_KEY_PREFIX!}kv:`;
  for (const url of engine.redisUrls) {
    const client: RedisClientType = createClient({ url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) {
        for (const key of batch) {
          const ttl = await client.pTTL(key);
          if (ttl !== -2) lifetimes.set(key.slice(prefix.length), ttl === -1 ? undefined : ttl);
        }
      }
    } finally {
      await client.close();
    }
  }
  return lifetimes;
}

/** Lifetimes of the keys starting with `prefix`; at least one must exist. */
export function lifetimesOf(all: Map<string, number | undefined>, prefix: string): (number | undefined)[] {
  const found = [...all].filter(([key]) => key.startsWith(prefix)).map(([, ttl]) => ttl);
  assert.ok(found.length > 0, `no key starting with ${prefix} among ${[...all.keys()].join(', ')}`);
  return found;
}

/** Each lifetime is set and at most `limit`, and more than `limit` minus a minute (it was just written). */
export function assertLifetimes(lifetimes: (number | undefined)[], limit: number, what: string): void {
  for (const ttl of lifetimes) assert.ok(ttl !== undefined && ttl <= limit && ttl > limit - 60_000, `${what}: ${ttl} ms left, expected about ${limit} ms`);
}
