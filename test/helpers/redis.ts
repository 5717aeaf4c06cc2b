/**
 * Redis for tests: where it is, whether it answers, and a namespace per run. Without Redis the
 * Redis suites are skipped with a loud warning on a laptop, but fail in CI (CI=true).
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

const probes = new Map<string, Promise<string | undefined>>();

/** REDIS_URL, or the local default. */
export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** Why Redis at `url` cannot be used, or undefined when it answers PING. Probed once per URL and run. */
export function redisProblem(url = redisUrl()): Promise<string | undefined> {
  let probe = probes.get(url);
  if (probe === undefined) {
    probe = probeRedis(url);
    probes.set(url, probe);
  }
  return probe;
}

async function probeRedis(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return undefined;
  } catch (error) {
    if (client.isOpen) client.destroy();
    return error instanceof Error ? error.message : String(error);
  }
}

/** For a `before` hook: skips the suite (loudly) when Redis is down, or fails it when CI=true. */
export async function requireRedis(ctx: Pick<Mocha.Context, 'skip'>, url = redisUrl()): Promise<void> {
  const problem = await redisProblem(url);
  if (problem === undefined) return;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true: Redis must answer at ${url} (REDIS_URL), but: ${problem}`);
  }
  const line = '!'.repeat(78);
  console.warn(`\n${line}\n!!! REDIS SUITE SKIPPED: nothing answers at ${url} (${problem}).`);
  console.warn(`!!! Start Redis or set REDIS_URL to run it. In CI (CI=true) this fails the run.\n${line}\n`);
  ctx.skip();
}

/** A fresh key namespace, so concurrent runs and leftovers never collide. */
export function randomKeyPrefix(label = 'test'): string {
  return `ppa-${label}-${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` (SCAN + UNLINK) on one server (a cluster: call it per master); returns how many went. */
export async function deleteKeysWithPrefix(prefix: string, url = redisUrl()): Promise<number> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  let deleted = 0;
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, (char) => `\\${char}`)}*`;
    for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 1_000 })) {
      // One key per command: valid on Redis Cluster too, where keys of one batch span slots.
      const counts = await Promise.all(batch.map((key) => client.unlink(key)));
      deleted += counts.reduce((sum, count) => sum + count, 0);
    }
  } finally {
    await client.close();
  }
  return deleted;
}
