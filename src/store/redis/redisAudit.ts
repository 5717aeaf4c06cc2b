/**
 * The audit trail in Redis: one sorted set per publisher scored by time, so listing newest-first
 * and purging by age are single range commands.
 */
import type { AuditEntry, AuditLog } from '../types';
import type { RedisConnection } from './redisClient';
import { isPublisherId, type RedisKeys } from './redisKeys';
import { appendAuditScript, removeByScoreScript, setAddScript, setRemoveScript } from './scripts';
import { storedAuditEntry } from '../auditEntry';

/** The Redis engine's `AuditLog`. */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const stored = storedAuditEntry(entry);
    const id = stored.publisherId;
    if (!isPublisherId(id)) throw new Error('invalid publisher id');
    await this.redis.runScript(appendAuditScript, [this.keys.audit(id), this.keys.auditSequence(id)], [String(Date.parse(stored.at)), JSON.stringify(stored)]);
    await this.redis.runScript(setAddScript, [this.keys.auditPublishers], [id]);
  }

  async list(publisherId: string, limit?: number): Promise<AuditEntry[]> {
    if (!isPublisherId(publisherId) || (limit !== undefined && limit <= 0)) return [];
    const key = this.keys.audit(publisherId);
    // Same-millisecond entries sort by their zero-padded sequence number, so REV gives append order reversed.
    const members =
      limit === undefined
        ? await this.redis.read((r) => r.zRange(key, 0, -1, { REV: true }))
        : await this.redis.read((r) => r.zRange(key, '+inf', '-inf', { BY: 'SCORE', REV: true, LIMIT: { offset: 0, count: limit } }));
    return members.map((member) => JSON.parse(member.slice(member.indexOf('|') + 1)) as AuditEntry);
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    const ids = (await this.redis.read((r) => r.sMembers(this.keys.auditPublishers))).filter(isPublisherId);
    let removed = 0;
    for (const id of ids) {
      const key = this.keys.audit(id);
      removed += Number(await this.redis.runScript(removeByScoreScript, [key], ['-inf', `(${cutoff.getTime()}`]));
      if ((await this.redis.read((r) => r.zCard(key))) > 0) continue;
      await this.redis.runScript(setRemoveScript, [this.keys.auditPublishers], [id]);
      // An append may have landed between the count and the removal: put the id back if so.
      if ((await this.redis.read((r) => r.zCard(key))) > 0) await this.redis.runScript(setAddScript, [this.keys.auditPublishers], [id]);
    }
    return removed;
  }
}

