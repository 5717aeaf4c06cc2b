/**
 * Where the embedded engine keeps what. File names never carry personal data: publisher ids are
 * company handles (`[a-z0-9_-]+`), and key-value keys (which may hold a WeChat openid) are hashed.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

const PUBLISHER_ID = /^[a-z0-9_-]{1,64}$/;

/** Paths of one data directory. */
export class StoreLayout {
  readonly publishersDir: string;
  readonly auditDir: string;
  readonly kvDir: string;
  readonly locksDir: string;
  /** Look-up indexes: which publishers hold an AAD objectId or a UPN (see publisherIndex.ts). */
  readonly indexDir: string;
  /** Index changes begun but maybe not finished (a writer killed mid-way): repaired at open. */
  readonly pendingIndexDir: string;
  /** Key-value expiry markers ordered by time (see expiryIndex.ts). */
  readonly expiryDir: string;

  readonly dataDir: string;

  constructor(dataDir: string) {
    // Absolute, so that in-process lock queues (keyed by path) match however the directory was named.
    this.dataDir = path.resolve(dataDir);
    this.publishersDir = path.join(this.dataDir, 'publishers');
    this.auditDir = path.join(this.dataDir, 'audit');
    this.kvDir = path.join(this.dataDir, 'kv');
    this.locksDir = path.join(this.dataDir, 'locks');
    this.indexDir = path.join(this.dataDir, 'index');
    this.pendingIndexDir = path.join(this.indexDir, 'pending');
    this.expiryDir = path.join(this.dataDir, 'expiry');
  }

  /** Every directory the engine writes to (expiry buckets are made as needed). */
  get dirs(): string[] {
    return [this.publishersDir, this.auditDir, this.kvDir, this.locksDir, this.indexDir, this.pendingIndexDir, this.expiryDir];
  }

  /** Written after the indexes were built from every publisher file (absent: build them at open). */
  get indexBuiltMarker(): string {
    return path.join(this.indexDir, 'built');
  }

  /** Written after every key-value entry with an expiry has its marker (absent: build them at open). */
  get expiryBuiltMarker(): string {
    return path.join(this.expiryDir, 'built');
  }

  /** The entry of one index key, by the key's hash (`hashName`): an objectId or a UPN is never written as such. */
  indexFile(keyHash: string): string {
    return path.join(this.indexDir, `${checkedHash(keyHash)}.json`);
  }

  indexLock(keyHash: string): string {
    return path.join(this.locksDir, `index-${checkedHash(keyHash)}.lock`);
  }

  pendingIndexFile(publisherId: string): string {
    return path.join(this.pendingIndexDir, `${checkedId(publisherId)}.json`);
  }

  publisherFile(id: string): string {
    return path.join(this.publishersDir, `${checkedId(id)}.json`);
  }

  publisherLock(id: string): string {
    return path.join(this.locksDir, `publisher-${checkedId(id)}.lock`);
  }

  auditFile(publisherId: string): string {
    return path.join(this.auditDir, `${checkedId(publisherId)}.jsonl`);
  }

  auditLock(publisherId: string): string {
    return path.join(this.locksDir, `audit-${checkedId(publisherId)}.lock`);
  }

  kvFile(key: string): string {
    return this.kvFileByHash(sha256(key));
  }

  kvLock(key: string): string {
    return this.kvLockByHash(sha256(key));
  }

  /** The name a key's file and lock carry: what an expiry marker records. */
  kvHash(key: string): string {
    return sha256(key);
  }

  kvFileByHash(hash: string): string {
    return path.join(this.kvDir, `${hash}.json`);
  }

  kvLockByHash(hash: string): string {
    return path.join(this.locksDir, `kv-${hash}.lock`);
  }
}

/** Whether `id` can name a publisher (and so a file): anything else cannot exist in the store. */
export function isPublisherId(id: string): boolean {
  return PUBLISHER_ID.test(id);
}

function checkedId(id: string): string {
  // Guards the file system against ids like `../x` that bypassed schema validation.
  if (!isPublisherId(id)) throw new Error('invalid publisher id');
  return id;
}

function checkedHash(hash: string): string {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid hash');
  return hash;
}

/** The hex sha256 that names a file after a value that must not appear in a file name. */
export function hashName(text: string): string {
  return sha256(text);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
