/**
 * The default storage engine: plain files under a data directory, safe against crashes and against
 * several processes sharing the directory. Needs nothing but a writable disk.
 */
import type { StoreEngine } from '../types';
import { dataDirError } from './dataDirError';
import { ensureDir, probeWrite, removeDeadTempFiles, type ReadObserver, type SyncObserver } from './durableFiles';
import { EmbeddedAuditLog } from './embeddedAudit';
import { EmbeddedKeyValueStore } from './embeddedKeyValueStore';
import { EmbeddedPublisherRepository } from './embeddedPublishers';
import { removeStaleLocks, type FileLockOptions } from './fileLock';
import { StoreLayout } from './layout';

export interface EmbeddedStoreOptions extends FileLockOptions {
  /** Told of every file the engine reads (tests count look-up and sweep costs with it). */
  onFileRead?: ReadObserver;
  /** Told of every fsync the key-value store makes (tests count what a disposable put saves). */
  onSync?: SyncObserver;
  /** How often expired key-value entries are deleted from disk; 0 turns the sweep off. Default 60 s. */
  sweepIntervalMs?: number;
  /** Told about a failed background sweep (the engine has no logger of its own). */
  onError?: (error: unknown) => void;
}

const DEFAULT_SWEEP_MS = 60_000;

/** The embedded `StoreEngine`; `kv.sweepExpired()` is public for operators and tests. */
export class EmbeddedStore implements StoreEngine {
  readonly name = 'embedded';
  readonly publishers: EmbeddedPublisherRepository;
  readonly audit: EmbeddedAuditLog;
  readonly kv: EmbeddedKeyValueStore;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly layout: StoreLayout,
    options: EmbeddedStoreOptions = {},
  ) {
    this.publishers = new EmbeddedPublisherRepository(layout, options, options.onFileRead);
    this.audit = new EmbeddedAuditLog(layout, options);
    this.kv = new EmbeddedKeyValueStore(layout, options, options.onFileRead, options.onSync);
    const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_MS;
    if (interval > 0) {
      this.sweepTimer = setInterval(() => {
        this.kv.sweepExpired().catch((error: unknown) => options.onError?.(error));
      }, interval);
      this.sweepTimer.unref(); // never keeps the process alive on its own
    }
  }

  /** Resolves only if a write reaches the disk now: a full or read-only disk fails /readyz. */
  async ping(): Promise<void> {
    try {
      await probeWrite(this.layout.dataDir);
    } catch (error) {
      throw dataDirError(this.layout.dataDir, error);
    }
  }

  close(): Promise<void> {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    return Promise.resolve();
  }
}

/** Opens (creating if needed) the embedded store in `dataDir`, tidying what a crashed writer left. */
export async function createEmbeddedStore(dataDir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const layout = new StoreLayout(dataDir);
  try {
    for (const dir of layout.dirs) await ensureDir(dir);
    // Opening only reads on a store that already exists: prove now that it can write, not at the first turn.
    await probeWrite(layout.dataDir);
    for (const dir of layout.dirs) await removeDeadTempFiles(dir);
    await removeStaleLocks(layout.locksDir, options);
  } catch (error) {
    throw dataDirError(layout.dataDir, error);
  }
  const store = new EmbeddedStore(layout, options);
  try {
    await store.publishers.prepareIndex();
    await store.kv.prepareExpiryIndex();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
