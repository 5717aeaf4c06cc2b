/** The audit entry as both engines store it. */
import type { AuditEntry } from './types';

/** Keeps only the audit fields, so a caller's stray property cannot smuggle a value into the trail. */
export function storedAuditEntry(entry: AuditEntry): AuditEntry {
  if (Number.isNaN(Date.parse(entry.at))) throw new Error('audit entry needs an ISO 8601 time in `at`');
  const { at, actor, publisherId, action, fields, receiptId, erased } = entry;
  return {
    at,
    actor,
    publisherId,
    action,
    fields: [...fields],
    ...(receiptId === undefined ? {} : { receiptId }),
    ...(erased === undefined ? {} : { erased: erased.map(({ category, count }) => ({ category, count })) }),
  };
}
