/**
 * Every Redis key name the engine uses. Keys changed by one script share a `{publisherId}` hash tag,
 * so the engine runs unchanged on Redis Cluster. Identity values appear only as sha256 digests.
 */
import { createHash } from 'node:crypto';
import type { Publisher } from '../../domain/publisher';

const PUBLISHER_ID = /^[a-z0-9_-]{1,64}$/;

/** Key names under one namespace prefix (default `ppa:`). */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  publisher(id: string): string {
    return `${this.prefix}pub:{${id}}`;
  }

  /** Set of publisher ids (a superset: members are verified on read). */
  get publisherIds(): string {
    return `${this.prefix}publishers`;
  }

  byObjectId(objectId: string): string {
    return `${this.prefix}idx:oid:${sha256(`oid:${objectId.trim()}`)}`;
  }

  byUpn(upn: string): string {
    return `${this.prefix}idx:upn:${sha256(`upn:${upn.trim().toLowerCase()}`)}`;
  }

  /** Every index set that should hold this publisher's id. */
  indexesOf(publisher: Publisher): string[] {
    const keys = [this.publisherIds];
    for (const account of publisher.aadAccounts) {
      if (account.objectId !== undefined && account.objectId !== '') keys.push(this.byObjectId(account.objectId));
      keys.push(this.byUpn(account.upn));
    }
    return [...new Set(keys)];
  }

  audit(publisherId: string): string {
    return `${this.prefix}audit:{${publisherId}}`;
  }

  /** Same slot as `audit(publisherId)`: the append script touches both. */
  auditSequence(publisherId: string): string {
    return `${this.prefix}audit-seq:{${publisherId}}`;
  }

  /** Set of publisher ids that have audit entries (so a purge needs no SCAN). */
  get auditPublishers(): string {
    return `${this.prefix}audit-publishers`;
  }

  kv(key: string): string {
    return `${this.kvPrefix}${key}`;
  }

  get kvPrefix(): string {
    return `${this.prefix}kv:`;
  }

  /** A SCAN pattern for the key-value keys starting with `keyPrefix`. */
  kvPattern(keyPrefix: string): string {
    return `${escapeGlob(this.kvPrefix)}${escapeGlob(keyPrefix)}*`;
  }
}

/** Whether `id` can name a publisher (others cannot exist, and must not reach a key name). */
export function isPublisherId(id: string): boolean {
  return PUBLISHER_ID.test(id);
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
