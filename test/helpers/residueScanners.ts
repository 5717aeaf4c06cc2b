/**
 * Scanners that look for markers wherever a store keeps bytes: every key and value in a Redis
 * database (SCAN, each key read by its type; a cluster is scanned master by master by the caller),
 * every file of an embedded DATA_DIR (bytes as UTF-8), and captured text (logs, receipts).
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createClient, type RedisClientType } from 'redis';
import { redisUrl } from './redis';

/** One place a needle was found: a Redis key, a file under DATA_DIR, or a captured text's label. */
export interface Hit {
  needle: string;
  where: string;
}

/** The needles found in `text` (case-insensitively), attributed to `where`. */
export function scanText(where: string, text: string, needles: readonly string[]): Hit[] {
  const haystack = text.toLowerCase();
  return needles.filter((needle) => haystack.includes(needle.toLowerCase())).map((needle) => ({ needle, where }));
}

/** Every key under `prefix` (SCAN on the prefix) and its whole content, read by the key's type. */
export async function scanRedis(prefix: string, needles: readonly string[], url = redisUrl()): Promise<Hit[]> {
  const client: RedisClientType = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const hits: Hit[] = [];
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (char) => `\\${char}`)}*`;
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 1_000 })) {
      for (const key of batch) hits.push(...scanText(key, `${key}\n${await readRedisKey(client, key)}`, needles));
    }
    return hits;
  } finally {
    await client.close();
  }
}

/** A key's content as text, whatever its type; empty when it expired since SCAN listed it. */
export async function readRedisKey(client: RedisClientType, key: string): Promise<string> {
  const type = await client.type(key);
  switch (type) {
    case 'string':
      return (await client.get(key)) ?? '';
    case 'hash':
      return Object.entries(await client.hGetAll(key)).flat().join('\n');
    case 'zset':
      return (await client.zRangeWithScores(key, 0, -1)).map(({ value, score }) => `${score} ${value}`).join('\n');
    case 'set':
      return (await client.sMembers(key)).join('\n');
    case 'list':
      return (await client.lRange(key, 0, -1)).join('\n');
    case 'none':
      return '';
    default:
      throw new Error(`the scanner cannot read Redis type ${type} (key ${key})`);
  }
}

/** Every file under `dir` (recursively), read as bytes and searched as UTF-8 text, its path included. */
export async function scanDataDir(dir: string, needles: readonly string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const file of await filesUnder(dir)) {
    const bytes = await fs.readFile(path.join(dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0); // removed while we listed
      throw error;
    });
    const text = bytes.toString('utf8');
    hits.push(...scanText(`${file}${kvKeyOf(file, text)}`, `${file}\n${text}`, needles));
  }
  return hits;
}

/** For a key-value file (named by a hash), the key it holds, to make a hit readable. */
function kvKeyOf(file: string, text: string): string {
  if (!file.startsWith(`kv${path.sep}`)) return '';
  try {
    const { key } = JSON.parse(text) as { key?: unknown };
    return typeof key === 'string' ? ` (key ${key})` : '';
  } catch {
    return '';
  }
}

export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** "needle @ where" lines, for assertion messages. */
export function describeHits(hits: readonly Hit[]): string {
  return hits.map((hit) => `  ${hit.needle} @ ${hit.where}`).join('\n');
}

/** Fails, listing the hits, unless there are none. */
export function expectNone(hits: readonly Hit[], what: string): void {
  if (hits.length > 0) assert.fail(`${what}:\n${describeHits(hits)}`);
}

/** The needles that no hit names. */
export function missing(needles: readonly string[], hits: readonly Hit[]): string[] {
  return needles.filter((needle) => !hits.some((hit) => hit.needle === needle));
}
