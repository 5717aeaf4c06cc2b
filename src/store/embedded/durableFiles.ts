/**
 * Crash-safe file primitives for the embedded engine. A reader sees either the old or the new
 * content of a file, never a mix: we write a temp file, fsync it, rename it over the target and
 * fsync the directory so the rename itself survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const TEMP_SUFFIX = '.tmp';
/** Files we create hold personal data: readable by the bot's user only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Whether an error is a Node.js system error with this code (ENOENT, EEXIST, …). */
export function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Told of every fsync the engine's key-value store makes (a file's or a directory's). Tests count
 * them, as they count reads: what a disposable put saves is syncs, which a clock would not show
 * reliably on a shared machine. Production passes nothing.
 */
export type SyncObserver = (file: string) => void;

/** Flushes a directory's entries (new, renamed or removed names) to disk. */
export async function fsyncDir(dir: string, onSync?: SyncObserver): Promise<void> {
  let handle: fs.FileHandle | undefined;
  onSync?.(dir);
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a directory; its rename is durable enough once the file is synced.
    if (process.platform !== 'win32') throw error;
  } finally {
    await handle?.close();
  }
}

export interface AtomicWriteOptions {
  /**
   * False: atomic only. The rename still means a reader, or a process killed mid-write (kill -9),
   * sees the old or the new content, never a torn file; but nothing is fsynced, so a power cut may
   * lose the write or roll it back to an older content. Default true.
   */
  durable?: boolean;
  onSync?: SyncObserver;
}

/** Replaces `file` with `content` atomically and (unless told otherwise) durably. */
export async function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  // The pid in the name lets a later process remove temp files whose writer died (see removeDeadTempFiles).
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  try {
    if (durable) {
      const handle = await fs.open(temp, 'wx', FILE_MODE);
      try {
        await handle.writeFile(content, 'utf8');
        options.onSync?.(temp);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      // No handle to sync: one call opens, writes and closes.
      await fs.writeFile(temp, content, { encoding: 'utf8', mode: FILE_MODE, flag: 'wx' });
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  if (durable) await fsyncDir(path.dirname(file), options.onSync);
}

/** A block's worth: a probe smaller than a block could succeed on a disk with no block left. */
const PROBE_BYTES = 4096;

/**
 * Writes, syncs and removes a file in `dir`: proof that the store can save right now (a read-only,
 * full or vanished directory fails here as a real write would). Named like a temp file, so one left
 * by a crash is tidied like the others.
 */
export async function probeWrite(dir: string): Promise<void> {
  const file = path.join(dir, `write-probe.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await fs.open(file, 'wx', FILE_MODE);
  try {
    await handle.writeFile(Buffer.alloc(PROBE_BYTES));
    await handle.sync();
  } finally {
    await handle.close();
    await fs.rm(file, { force: true });
  }
}

/**
 * Removes `file` if it is there (not durably). One unlink: `fs.rm` with `force` first lstats the
 * path to decide between a file and a directory, an extra system call on every lock and marker.
 */
export async function unlinkIfExists(file: string): Promise<void> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (!hasCode(error, 'ENOENT')) throw error;
  }
}

/** Removes `file` durably; returns whether it existed. */
export async function removeFileDurably(file: string, onSync?: SyncObserver): Promise<boolean> {
  try {
    await fs.unlink(file);
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return false;
    throw error;
  }
  await fsyncDir(path.dirname(file), onSync);
  return true;
}

/**
 * Told of every file the engine opens to read. Tests count with it (reads, not wall-clock time, show
 * that a look-up's cost does not grow with the number of publishers); production passes nothing.
 */
export type ReadObserver = (file: string) => void;

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string, observe?: ReadObserver): Promise<string | undefined> {
  observe?.(file);
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/** Whether a file name is one of our temp files (readers skip them). */
export function isTempFile(name: string): boolean {
  return name.endsWith(TEMP_SUFFIX);
}

/** Whether a process with this pid runs on this machine. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return hasCode(error, 'EPERM');
  }
}

/** Deletes temp files left in `dir` by writers that died mid-write; a live writer's are kept. */
export async function removeDeadTempFiles(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (hasCode(error, 'ENOENT')) return [];
    throw error;
  });
  for (const name of names.filter(isTempFile)) {
    const pid = Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !isProcessAlive(pid)) await fs.rm(path.join(dir, name), { force: true });
  }
}

/**
 * Creates the directory (and parents) readable by this user only. Made one level at a time because
 * Node's `recursive: true` reports a read-only file system as ENOENT, hiding the reason.
 */
export async function ensureDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { mode: DIR_MODE });
  } catch (error) {
    if (hasCode(error, 'EEXIST')) {
      if ((await fs.stat(dir)).isDirectory()) return;
      throw error;
    }
    const parent = path.dirname(dir);
    if (!hasCode(error, 'ENOENT') || parent === dir) throw error;
    await ensureDir(parent);
    await fs.mkdir(dir, { mode: DIR_MODE }).catch((again: unknown) => {
      if (!hasCode(again, 'EEXIST')) throw again;
    });
  }
}
