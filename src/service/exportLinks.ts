/**
 * Download links for a data export: a random 256-bit token, valid 10 minutes and once, found only by
 * its hash (the store never holds the token). The entry names the publisher and the audit actor,
 * nothing about a person; the file itself is built when it is downloaded, so no copy of the data
 * waits in the store.
 */
import { hashSecret, newSecret, SECRET_PATTERN } from '../signin/signinTickets';
import type { KeyValueStore } from '../store/types';
import { KEYSPACE } from './keyspace';

export const EXPORT_LINK_TTL_MS = 10 * 60_000;

export interface ExportLink {
  publisherId: string;
  /** The audit actor who asked for it (a salted hash). */
  actorId: string;
}

export class ExportLinks {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A fresh token for this publisher's export, and when it stops working. */
  async issue(link: ExportLink): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    await this.kv.put(linkKey(token), link, { ifAbsent: true, ttlMs: EXPORT_LINK_TTL_MS });
    return { token, expiresAt: new Date(this.now().getTime() + EXPORT_LINK_TTL_MS) };
  }

  /** The link, removed so it cannot be used again; undefined when unknown, expired, used or malformed. */
  async claim(token: string): Promise<ExportLink | undefined> {
    if (!SECRET_PATTERN.test(token)) return undefined;
    const key = linkKey(token);
    const stored = await this.kv.get(key);
    if (!stored || !isExportLink(stored.value)) return undefined;
    // Deleting with the etag is what claims it: of two simultaneous downloads, only one gets the file.
    return (await this.kv.delete(key, stored.etag)) ? stored.value : undefined;
  }
}

function linkKey(token: string): string {
  return `${KEYSPACE.exportLink}${hashSecret(token)}`;
}

function isExportLink(value: unknown): value is ExportLink {
  const link = value as ExportLink;
  return typeof value === 'object' && value !== null && typeof link.publisherId === 'string' && typeof link.actorId === 'string';
}
