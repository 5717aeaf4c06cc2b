/**
 * Erasure receipts: proof of a deletion — what kinds of records went, how many, when and by whom
 * (hashed) — never the values. A receipt is an audit entry; listing receipts reads the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { metrics } from '../metrics/botMetrics';
import type { AuditEntry, AuditLog } from '../store/types';

export type ErasureCategory = 'offer' | 'customerService' | 'requestRecord' | 'aadAccount' | 'contact' | 'wechatBinding' | 'teamsLink' | 'publisher';

export interface ErasureReceipt {
  id: string;
  at: string;
  actor: string;
  publisherId: string;
  erased: { category: ErasureCategory; count: number }[];
}

/** Records an erasure in the audit trail and returns its receipt. */
export async function recordErasure(
  audit: AuditLog,
  erasure: { actor: string; publisherId: string; action: string; fields: string[]; erased: ErasureReceipt['erased'] },
  now: Date = new Date(),
): Promise<ErasureReceipt> {
  const receipt: ErasureReceipt = { id: randomUUID(), at: now.toISOString(), actor: erasure.actor, publisherId: erasure.publisherId, erased: erasure.erased };
  await audit.append({ at: receipt.at, actor: receipt.actor, publisherId: receipt.publisherId, action: erasure.action, fields: erasure.fields, receiptId: receipt.id, erased: receipt.erased });
  metrics.erasure(receipt.erased.map((entry) => entry.category));
  return receipt;
}

/** The publisher's receipts, newest first, read back from its audit trail. */
export function receiptsIn(entries: AuditEntry[]): ErasureReceipt[] {
  return entries
    .filter((entry): entry is AuditEntry & { receiptId: string } => entry.receiptId !== undefined)
    .map((entry) => ({ id: entry.receiptId, at: entry.at, actor: entry.actor, publisherId: entry.publisherId, erased: (entry.erased ?? []) as ErasureReceipt['erased'] }));
}
