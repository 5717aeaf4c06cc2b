/**
 * Start-up faults of the data directory in an operator's words: which setting, which path, why.
 * A raw Node stack ("EROFS: read-only file system, open '…/locks/…'") names neither DATA_DIR nor what to do.
 */
import { StoreUnavailableError } from '../types';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied: the user running the bot may not write there',
  EPERM: 'operation not permitted: the user running the bot may not write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'the path exists and is not a directory',
  ENOENT: 'a part of the path does not exist and cannot be created',
  EIO: 'the disk reported an input/output error',
};

/** The reason an error from the file system gives, as words (and its code, for searching). */
export function fileSystemReason(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return `${REASONS[code] ?? 'the file system refused'} (${code})`;
}

/** The error start-up reports when the embedded store cannot be opened or written in `dataDir`. */
export function dataDirError(dataDir: string, error: unknown): StoreUnavailableError {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return new StoreUnavailableError(
    `DATA_DIR (${dataDir}): the embedded store cannot write there: ${fileSystemReason(error)}. Point DATA_DIR at a writable directory with free space.`,
    { cause: error, reason: code },
  );
}
