/**
 * Reads shared by one bot turn: within a turn, the same record is fetched from the store once
 * (the identity look-up, the authorization and the view all want the same publisher). Each caller
 * still gets its own parsed copy, and a write by this process forgets the record at once, so the
 * only staleness is another instance's write during the turn — which the versioned writes refuse.
 * Outside a turn (operator commands, tests) nothing is shared.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const turnScope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `work` as one turn: the reads inside it share their answers. */
export function withTurnReads<T>(work: () => Promise<T>): Promise<T> {
  return turnScope.run(new Map(), work);
}

/** The turn's earlier answer for `key`, or `read()`'s (a failed read is not kept). */
export function readOncePerTurn<T>(key: string, read: () => Promise<T>): Promise<T> {
  const shared = turnScope.getStore();
  if (shared === undefined) return read();
  const earlier = shared.get(key) as Promise<T> | undefined;
  if (earlier !== undefined) return earlier;
  const answer = read();
  shared.set(key, answer);
  answer.catch(() => shared.delete(key));
  return answer;
}

/** The turn's earlier answer for `key`, if this turn read it; never reads. */
export function earlierTurnRead<T>(key: string): Promise<T> | undefined {
  return turnScope.getStore()?.get(key) as Promise<T> | undefined;
}

/** Forgets the turn's answer for `key` (before and after a write of it). */
export function forgetTurnRead(key: string): void {
  turnScope.getStore()?.delete(key);
}
