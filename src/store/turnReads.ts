/**
 * Reads shared by one bot turn: within a turn, the same record is fetched from the store once
 * (the identity look-up, the authorization and the view all want the same publisher). Each caller
 * still gets its own parsed copy, and a write through the turn forgets the record at once, so the
 * only staleness is another instance's write during the turn — which the versioned writes refuse.
 *
 * The turn holds its reads explicitly (a repository made for the turn, `forTurn`), not through
 * AsyncLocalStorage: that one turned on async_hooks for every promise of the process, which cost
 * more CPU than the reads it saved (see bench/profile.ts).
 */
export interface TurnReads {
  /** The turn's earlier answer for `key`, or `read()`'s (a failed read is not kept). */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
  /** The turn's earlier answer for `key`, if this turn read it; never reads. */
  earlier<T>(key: string): Promise<T> | undefined;
  /** Forgets the turn's answer for `key` (before and after a write of it). */
  forget(key: string): void;
}

/** Outside a turn (operator commands, tests, the shared repository): nothing is shared. */
export const UNSHARED_READS: TurnReads = {
  once: (_key, read) => read(),
  earlier: () => undefined,
  forget: () => undefined,
};

/** One turn's shared reads. */
export class SharedTurnReads implements TurnReads {
  private readonly answers = new Map<string, Promise<unknown>>();

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    const earlier = this.answers.get(key) as Promise<T> | undefined;
    if (earlier !== undefined) return earlier;
    const answer = read();
    this.answers.set(key, answer);
    answer.catch(() => this.answers.delete(key));
    return answer;
  }

  earlier<T>(key: string): Promise<T> | undefined {
    return this.answers.get(key) as Promise<T> | undefined;
  }

  forget(key: string): void {
    this.answers.delete(key);
  }
}
