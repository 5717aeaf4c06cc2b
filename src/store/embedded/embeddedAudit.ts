/**
 * The audit trail as one JSON-lines file per publisher. Appends are fsynced before they resolve;
 * a line torn by a crash is ignored on read and cut off before the next append.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AuditEntry, AuditLog } from '../types';
import { FILE_MODE, fsyncDir, hasCode, readTextIfExists, removeFileDurably, writeFileAtomic } from './durableFiles';
import { withFileLock, type FileLockOptions } from './fileLock';
import { isPublisherId, type StoreLayout } from './layout';
import { storedAuditEntry } from '../auditEntry';

/** The embedded engine's `AuditLog`. */
export class EmbeddedAuditLog implements AuditLog {
  constructor(
    private readonly layout: StoreLayout,
    private readonly lockOptions: FileLockOptions = {},
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(storedAuditEntry(entry))}\n`;
    const file = this.layout.auditFile(entry.publisherId);
    await withFileLock(this.layout.auditLock(entry.publisherId), () => appendLine(file, line), this.lockOptions);
  }

  async list(publisherId: string, limit?: number): Promise<AuditEntry[]> {
    if (!isPublisherId(publisherId)) return [];
    const entries = parseLines(await readTextIfExists(this.layout.auditFile(publisherId)));
    return newestFirst(entries).slice(0, limit ?? entries.length);
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    const names = (await fs.readdir(this.layout.auditDir)).filter((name) => name.endsWith('.jsonl'));
    let removed = 0;
    for (const name of names) {
      const publisherId = name.slice(0, -'.jsonl'.length);
      if (!isPublisherId(publisherId)) continue;
      removed += await withFileLock(
        this.layout.auditLock(publisherId),
        () => purgeFile(this.layout.auditFile(publisherId), cutoff.getTime()),
        this.lockOptions,
      );
    }
    return removed;
  }
}


/** Sorts by time, newest first; entries with the same time keep reverse append order. */
export function newestFirst(entries: AuditEntry[]): AuditEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => b.time - a.time || b.index - a.index)
    .map(({ entry }) => entry);
}

async function appendLine(file: string, line: string): Promise<void> {
  const created = await fs.stat(file).then(
    () => false,
    (error: unknown) => {
      if (hasCode(error, 'ENOENT')) return true;
      throw error;
    },
  );
  const handle = await fs.open(file, 'a+', FILE_MODE);
  try {
    await cutTornTail(handle);
    await handle.appendFile(line, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await fsyncDir(path.dirname(file));
}

/** A crash mid-append can leave a partial last line: drop it so the next line starts clean. */
async function cutTornTail(handle: fs.FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  const content = Buffer.alloc(size);
  await handle.read(content, 0, size, 0);
  await handle.truncate(content.lastIndexOf(0x0a) + 1);
}

async function purgeFile(file: string, cutoffMs: number): Promise<number> {
  const entries = parseLines(await readTextIfExists(file));
  const kept = entries.filter((entry) => Date.parse(entry.at) >= cutoffMs);
  if (kept.length === entries.length) return 0;
  if (kept.length === 0) await removeFileDurably(file);
  else await writeFileAtomic(file, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return entries.length - kept.length;
}

function parseLines(text: string | undefined): AuditEntry[] {
  if (text === undefined) return [];
  const lines = text.split('\n');
  lines.pop(); // the text after the last newline: empty, or a line torn by a crash
  return lines.filter((line) => line !== '').map((line) => JSON.parse(line) as AuditEntry);
}
