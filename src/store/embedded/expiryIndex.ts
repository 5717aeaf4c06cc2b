/**
 * When key-value entries expire, ordered by time, so the sweep reads only what is due. Each entry
 * with an expiry has an empty marker file `expiry/<hour>/<bucket>/<key hash>`; the sweep lists the
 * hours that have begun and, in them, the buckets that have passed, and visits only those markers.
 * Its cost follows the number of entries that expired, not the number still alive.
 *
 * A bucket holds a minute of expiries and is named by the last second of its minute. Minutes, not
 * seconds: an entry rewritten on every turn (conversation state, whose expiry moves with each turn)
 * keeps one marker for a minute of turns instead of writing a new one and removing the old on each;
 * the sweep deletes an expired entry up to a minute later (reads check the exact expiry, so a late
 * sweep never shows an expired value). Named by the last second, so that "the buckets named by a
 * second that has passed" is exactly "the buckets every entry of which has expired", both for
 * these buckets and for the per-second buckets of data directories written before them (named by
 * their only second): the sweep lists both layouts the same way.
 *
 * A marker is written before its entry and removed after it, so an entry with an expiry always has
 * one (a writer killed in between leaves a marker without an entry, which the sweep simply drops).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FILE_MODE, fsyncDir, hasCode, unlinkIfExists, type SyncObserver } from './durableFiles';

const HOUR_MS = 3_600_000;
const SECOND_MS = 1_000;
/** How much time one bucket covers; an hour holds a whole number of them. */
const BUCKET_MS = 60_000;
// Fixed widths, so names also sort by time when listed.
const HOUR_DIGITS = 8;
const SECOND_DIGITS = 11;

/** Named in the `built` marker once every entry has its marker in this layout. */
export const EXPIRY_LAYOUT = 'minute';

/** A marker that is due: the entry it names expired at or before `expiresBefore`. */
export interface DueMarker {
  keyHash: string;
  file: string;
}

export class ExpiryIndex {
  constructor(
    private readonly dir: string,
    private readonly onSync?: SyncObserver,
  ) {}

  /**
   * Records that the entry `keyHash` expires at `expiresAt`; durable before the entry is written,
   * even for a disposable entry (see EmbeddedKeyValueStore.write).
   */
  async add(expiresAt: number, keyHash: string): Promise<void> {
    const file = this.markerFile(expiresAt, keyHash);
    const bucket = path.dirname(file);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await fs.writeFile(file, '', { mode: FILE_MODE, flag: 'wx' });
        break;
      } catch (error) {
        if (hasCode(error, 'EEXIST')) return; // the same entry, rewritten within the same bucket
        // The bucket does not exist yet, or the sweep just removed it as empty: make it and retry.
        if (!hasCode(error, 'ENOENT') || attempt >= 3) throw error;
        await fs.mkdir(bucket, { recursive: true, mode: 0o700 });
        await fsyncDir(path.dirname(bucket), this.onSync);
        await fsyncDir(this.dir, this.onSync);
      }
    }
    await fsyncDir(bucket, this.onSync);
  }

  /** Forgets the marker of an entry that was rewritten, deleted or swept. */
  async remove(expiresAt: number, keyHash: string): Promise<void> {
    await unlinkIfExists(this.markerFile(expiresAt, keyHash));
  }

  /** Whether `file` is where the entry's marker for this expiry lives. */
  isMarkerOf(file: string, expiresAt: number, keyHash: string): boolean {
    return this.markerFile(expiresAt, keyHash) === file;
  }

  /** Where the marker of an entry expiring at `expiresAt` lives. */
  markerFile(expiresAt: number, keyHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(keyHash)) throw new Error('invalid key hash');
    const lastSecond = (Math.floor(expiresAt / BUCKET_MS) + 1) * (BUCKET_MS / SECOND_MS) - 1;
    return path.join(this.dir, pad(Math.floor(expiresAt / HOUR_MS), HOUR_DIGITS), pad(lastSecond, SECOND_DIGITS), keyHash);
  }

  /**
   * The markers in every bucket whose last second has fully passed by `now` (per-minute buckets
   * and the per-second ones of older data directories alike). Lists no bucket still to come.
   */
  async due(now: number): Promise<DueMarker[]> {
    const nowHour = Math.floor(now / HOUR_MS);
    const nowSecond = Math.floor(now / SECOND_MS);
    const due: DueMarker[] = [];
    for (const hour of (await listNumbered(this.dir)).filter((h) => h <= nowHour)) {
      const hourDir = path.join(this.dir, pad(hour, HOUR_DIGITS));
      for (const second of (await listNumbered(hourDir)).filter((s) => s < nowSecond)) {
        const bucket = path.join(hourDir, pad(second, SECOND_DIGITS));
        for (const keyHash of await listNames(bucket)) due.push({ keyHash, file: path.join(bucket, keyHash) });
      }
    }
    return due;
  }

  /** Removes the buckets that have passed and are empty (a bucket still in use stays). */
  async removeEmptyBuckets(now: number): Promise<void> {
    const nowHour = Math.floor(now / HOUR_MS);
    const nowSecond = Math.floor(now / SECOND_MS);
    for (const hour of (await listNumbered(this.dir)).filter((h) => h <= nowHour)) {
      const hourDir = path.join(this.dir, pad(hour, HOUR_DIGITS));
      for (const second of (await listNumbered(hourDir)).filter((s) => s < nowSecond)) await removeIfEmpty(path.join(hourDir, pad(second, SECOND_DIGITS)));
      if (hour < nowHour) await removeIfEmpty(hourDir);
    }
  }
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (hasCode(error, 'ENOENT') || hasCode(error, 'ENOTDIR')) return [];
    throw error;
  }
}

/** The numbered bucket directories in `dir` (other names, like the `built` marker, are not buckets). */
async function listNumbered(dir: string): Promise<number[]> {
  return (await listNames(dir)).filter((name) => /^\d+$/.test(name)).map(Number);
}

async function removeIfEmpty(dir: string): Promise<void> {
  try {
    await fs.rmdir(dir);
  } catch (error) {
    // Still holds markers, or a writer is adding one (it recreates the bucket if we win): leave it.
    if (!hasCode(error, 'ENOTEMPTY') && !hasCode(error, 'EEXIST') && !hasCode(error, 'ENOENT')) throw error;
  }
}
