/**
 * Mutual exclusion between async writers in one process and between processes sharing a data
 * directory. Inside a process, callers queue on a promise chain per lock file (no polling against
 * ourselves); across processes, the lock is a file that exists at most once (created exclusively),
 * holding the owner's pid, so a lock left by a dead process can be recognized and taken over.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FILE_MODE, hasCode, isProcessAlive, readTextIfExists, unlinkIfExists } from './durableFiles';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

export interface FileLockOptions {
  /** Give up waiting after this long (the holder is alive but stuck, or the disk is). */
  timeoutMs?: number;
  /** A lock from another host cannot be checked by pid: treat it as stale after this age. */
  foreignStaleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_FOREIGN_STALE_MS = 60_000;
/** A breaker lock is held for microseconds; one this old belongs to a process that died holding it. */
const BREAKER_STALE_MS = 5_000;

// Module-wide so that two engine instances in one process on the same directory share the queue.
const queues = new Map<string, Promise<void>>();
// Tokens of the locks this process holds or is taking: a lock file with our pid but another token
// was left by an earlier process that had the same pid (a container's node is often pid 1 every time).
const ourTokens = new Set<string>();

/** Runs `work` while holding the lock at `lockFile`, in-process and across processes. */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const previous = queues.get(lockFile) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(lockFile, tail);
  await previous;
  const token = randomBytes(12).toString('hex');
  ourTokens.add(token);
  try {
    await acquire(lockFile, token, options);
    try {
      return await work();
    } finally {
      await releaseFile(lockFile, token);
    }
  } finally {
    ourTokens.delete(token);
    release();
    if (queues.get(lockFile) === tail) queues.delete(lockFile);
  }
}

async function acquire(lockFile: string, token: string, options: FileLockOptions): Promise<void> {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), token };
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  for (let attempt = 0; ; attempt += 1) {
    if (await tryCreate(lockFile, JSON.stringify(owner))) return;
    await breakIfStale(lockFile, options.foreignStaleMs ?? DEFAULT_FOREIGN_STALE_MS);
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockFile}`);
    await sleep(Math.min(2 + attempt * 2, 25) + Math.random() * 5);
  }
}

/**
 * Creates `file` holding `content`, or returns false when it exists. The content is written to a
 * temp file first and hard-linked into place, so a lock file is never seen (or left by a crash) empty.
 */
async function tryCreate(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, content, { mode: FILE_MODE, flag: 'wx' });
  try {
    await fs.link(temp, file);
    return true;
  } catch (error) {
    if (hasCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await unlinkIfExists(temp);
  }
}

/**
 * Removes the lock when its owner is gone. Two processes may both see the same stale lock; the
 * breaker file makes the check-and-unlink one step, so neither can unlink a lock the other just took.
 */
async function breakIfStale(lockFile: string, foreignStaleMs: number): Promise<void> {
  if (!(await isStale(lockFile, foreignStaleMs))) return;
  const breaker = `${lockFile}.breaker`;
  if (!(await tryCreate(breaker, JSON.stringify({ pid: process.pid, host: os.hostname(), token: randomBytes(12).toString('hex') })))) {
    await removeIfOlderThan(breaker, BREAKER_STALE_MS);
    return;
  }
  try {
    if (await isStale(lockFile, foreignStaleMs)) await unlinkIfExists(lockFile);
  } finally {
    await unlinkIfExists(breaker);
  }
}

async function isStale(lockFile: string, foreignStaleMs: number): Promise<boolean> {
  const [text, stat] = await Promise.all([readTextIfExists(lockFile), fs.stat(lockFile).catch(() => undefined)]);
  if (text === undefined || stat === undefined) return false;
  const owner = parseOwner(text);
  // Unreadable (written by something else, or damaged): give it time, then take it over.
  if (owner === undefined) return Date.now() - stat.mtimeMs > BREAKER_STALE_MS;
  if (owner.host !== os.hostname()) return Date.now() - stat.mtimeMs > foreignStaleMs;
  if (owner.pid === process.pid) return !ourTokens.has(owner.token);
  return !isProcessAlive(owner.pid);
}

async function removeIfOlderThan(file: string, ageMs: number): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat !== undefined && Date.now() - stat.mtimeMs > ageMs) await fs.rm(file, { force: true });
}

async function releaseFile(lockFile: string, token: string): Promise<void> {
  const text = await readTextIfExists(lockFile);
  // Only remove our own lock: if ours was (wrongly) broken, the file now belongs to someone else.
  if (text !== undefined && parseOwner(text)?.token === token) await unlinkIfExists(lockFile);
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host, token } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof token !== 'string') return undefined;
    return { pid, host, token };
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Removes the lock files in `dir` whose owners are gone (tidiness at start-up; acquire also does it). */
export async function removeStaleLocks(dir: string, options: FileLockOptions = {}): Promise<void> {
  const names = await fs.readdir(dir).catch(() => []);
  for (const name of names.filter((n) => n.endsWith('.lock'))) {
    await breakIfStale(path.join(dir, name), options.foreignStaleMs ?? DEFAULT_FOREIGN_STALE_MS);
  }
}
