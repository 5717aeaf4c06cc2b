/** Which fields differ between two versions of a record, by path — for the audit trail and change summaries. */
import { isDeepStrictEqual } from 'node:util';
import { formatPath } from './validation';

/** Paths of the leaves that were added, removed or changed, e.g. `contacts[1].phone`. */
export function changedPaths(before: unknown, after: unknown, path: PropertyKey[] = []): string[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) =>
      i < before.length && i < after.length ? changedPaths(before[i], after[i], [...path, i]) : [formatPath([...path, i])],
    ).flat();
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => changedPaths(before[key], after[key], [...path, key]));
  }
  return [formatPath(path)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
