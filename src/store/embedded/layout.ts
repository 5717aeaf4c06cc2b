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

  readonly dataDir: string;

  constructor(dataDir: string) {
    // Absolute, so that in-process lock queues (keyed by path) match however the directory was named.
    this.dataDir = path.resolve(dataDir);
    this.publishersDir = path.join(this.dataDir, 'publishers');
    this.auditDir = path.join(this.dataDir, 'audit');
    this.kvDir = path.join(this.dataDir, 'kv');
    this.locksDir = path.join(this.dataDir, 'locks');
  }

  /** Every directory the engine writes to. */
  get dirs(): string[] {
    return [this.publishersDir, this.auditDir, this.kvDir, this.locksDir];
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
    return path.join(this.kvDir, `${sha256(key)}.json`);
  }

  kvLock(key: string): string {
    return path.join(this.locksDir, `kv-${sha256(key)}.lock`);
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

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
