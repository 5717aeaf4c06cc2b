/**
 * The audit trail in Redis: one sorted set per publisher scored by time, so listing newest-first
 * and purging by age are single range commands.
 */
import type { AuditEntry, AuditLog } from '../types';
import type { RedisClient } from './redisClient';
import { isPublisherId, type RedisKeys } from './redisKeys';
import { appendAuditScript } from './scripts';
import { storedAuditEntry } from '../auditEntry';

/** The Redis engine's `AuditLog`. */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const stored = storedAuditEntry(entry);
    const id = stored.publisherId;
    if (!isPublisherId(id)) throw new Error('invalid publisher id');
    await appendAuditScript.run(
      this.client,
      [this.keys.audit(id), this.keys.auditSequence(id)],
      [String(Date.parse(stored.at)), JSON.stringify(stored)],
    );
    await this.client.sAdd(this.keys.auditPublishers, id);
  }

  async list(publisherId: string, limit?: number): Promise<AuditEntry[]> {
    if (!isPublisherId(publisherId) || (limit !== undefined && limit <= 0)) return [];
    const key = this.keys.audit(publisherId);
    // Same-millisecond entries sort by their zero-padded sequence number, so REV gives append order reversed.
    const members =
      limit === undefined
        ? await this.client.zRange(key, 0, -1, { REV: true })
        : await this.client.zRange(key, '+inf', '-inf', { BY: 'SCORE', REV: true, LIMIT: { offset: 0, count: limit } });
    return members.map((member) => JSON.parse(member.slice(member.indexOf('|') + 1)) as AuditEntry);
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    const ids = (await this.client.sMembers(this.keys.auditPublishers)).filter(isPublisherId);
    let removed = 0;
    for (const id of ids) {
      const key = this.keys.audit(id);
      removed += await this.client.zRemRangeByScore(key, '-inf', `(${cutoff.getTime()}`);
      if ((await this.client.zCard(key)) > 0) continue;
      await this.client.sRem(this.keys.auditPublishers, id);
      // An append may have landed between the count and the removal: put the id back if so.
      if ((await this.client.zCard(key)) > 0) await this.client.sAdd(this.keys.auditPublishers, id);
    }
    return removed;
  }
}

