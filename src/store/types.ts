/**
 * The repository interface every storage engine implements. It knows nothing of bots: the bot's
 * conversation state reaches it through `BotStateStorage` (botbuilder's `Storage`) built on `KeyValueStore`.
 */
import type { Publisher } from '../domain/publisher';

/** A publisher as stored, with the version a later write must name to replace it. */
export interface VersionedPublisher {
  publisher: Publisher;
  /** Starts at 1 and grows by one on every write. */
  version: number;
}

/** A write that named a version other than the current one (another writer got there first). */
export class ConflictError extends Error {
  readonly code = 'E-CONFLICT';
  constructor(readonly publisherId: string) {
    super(`publisher ${publisherId} changed since it was read`);
  }
}

/**
/**
 * The store is not reachable, did not answer in time, or cannot write (an outage or a deployment
 * fault, not a bug): nothing the caller asked for may be assumed done. The message names the
 * engine or the setting (DATA_DIR) and the reason in words an operator can act on; no personal data.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'E-STORE-UNAVAILABLE';
  /** The underlying error's code (`ENOSPC`, `EROFS`, …), safe to log. */
  readonly reason: string | undefined;
  constructor(message: string, options: { cause?: unknown; reason?: string | undefined } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreUnavailableError';
    this.reason = options.reason;
  }
}

/** Whether `error`, or an error it wraps (`cause`), is a store outage. */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof StoreUnavailableError) return true;
  }
  return false;
}

/** `'new'`: only if no publisher has this id; `'any'`: whatever is there (operator import). */
export type ExpectedVersion = number | 'new' | 'any';

export interface PublisherRepository {
  get(id: string): Promise<VersionedPublisher | undefined>;
  /** Replaces the publisher if `expected` matches; returns the new version or throws `ConflictError`. */
  put(publisher: Publisher, expected: ExpectedVersion): Promise<number>;
  /** Removes the publisher if `expected` matches; throws `ConflictError` otherwise. */
  delete(id: string, expected: number | 'any'): Promise<void>;
  /** Ids of the publishers whose AAD account list holds this objectId. */
  findByAadObjectId(objectId: string): Promise<string[]>;
  /** Ids of the publishers whose AAD account list holds this UPN (case-insensitive). */
  findByUpn(upn: string): Promise<string[]>;
  listIds(): Promise<string[]>;
  /**
   * The same repository for one bot turn: within it, a record is read from the store once and
   * shared (see turnReads.ts). An engine whose reads need no sharing returns itself.
   */
  forTurn(): PublisherRepository;
}

/** One line of the audit trail. It names fields, never their values. */
export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  /** Salted hash of the AAD objectId or WeChat openid; `operator` for the CLI. */
  actor: string;
  publisherId: string;
  /** e.g. `contact.update`, `offer.delete`, `export`. */
  action: string;
  /** Names of the fields or records touched, e.g. `contacts[0].phone`, `offers[vm-1]`. */
  fields: string[];
  /** Set on erasures: the id of the erasure receipt. */
  receiptId?: string;
  /** Set on erasures: the kinds of records erased and how many (never their values). */
  erased?: { category: string; count: number }[];
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** The publisher's entries, newest first. */
  list(publisherId: string, limit?: number): Promise<AuditEntry[]>;
  /** Removes entries older than the cut-off; returns how many went. */
  purgeBefore(cutoff: Date): Promise<number>;
}

export interface StoredValue {
  value: unknown;
  /** Changes on every write; opaque. */
  etag: string;
}

export interface PutOptions {
  /** Write only if the key is absent or holds this etag (botbuilder `Storage` semantics). */
  ifEtag?: string;
  /** Write only if the key is absent. */
  ifAbsent?: boolean;
  /** Expire the key this long after the write. Without it the key does not expire. */
  ttlMs?: number;
  /**
   * The value may be lost, or rolled back to an earlier one, in a power cut: bot state, retry
   * bookkeeping, a "welcomed" flag — what the design calls disposable (the store is the truth;
   * conversation state never holds the only copy of anything). It is still written atomically, so a
   * killed process (kill -9) never leaves a torn or half-written entry, but the embedded engine does
   * not fsync it (each fsync is a disk round trip, on most turns). Never for what must survive:
   * bindings, one-time codes, counters, links handed out. Deletes are always durable (an erased
   * entry must not come back). Redis ignores it (its persistence is configured on the server).
   */
  disposable?: boolean;
}

/** Small JSON values with expiry: conversation state, dedupe entries, codes, tokens, locks. */
export interface KeyValueStore {
  get(key: string): Promise<StoredValue | undefined>;
  /** Returns the new etag, or undefined when a condition in `options` did not hold. */
  put(key: string, value: unknown, options?: PutOptions): Promise<string | undefined>;
  /** Deletes the key (only if it holds `ifEtag`, when given); returns whether it was there. */
  delete(key: string, ifEtag?: string): Promise<boolean>;
  /** Adds one to a counter (creating it at 1 with this expiry); returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** Every live key starting with the prefix. */
  keys(prefix: string): Promise<string[]>;
}

/** One storage engine: everything the bot keeps, behind three interfaces. */
export interface StoreEngine {
  readonly name: 'embedded' | 'redis';
  readonly publishers: PublisherRepository;
  readonly audit: AuditLog;
  readonly kv: KeyValueStore;
  /** Resolves when the engine answers; rejects otherwise (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
