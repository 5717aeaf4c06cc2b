/**
 * botbuilder's `Storage` on top of our `KeyValueStore`, with `MemoryStorage`'s exact rules, so bot
 * state lives in whichever engine runs (and is shared by all bot instances on Redis).
 */
import { KEYSPACE } from '../service/keyspace';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { KeyValueStore } from '../store/types';

export interface BotStateStoragePolicy {
  /** Conversation state (keys holding `/conversations/`) expires this long after its last write. */
  conversationTtlMs: number;
  /** User state expiry after its last write; by default it does not expire. */
  userTtlMs?: number;
  /** Prepended to every botbuilder key in the key-value store; default `state:`. */
  keyPrefix?: string;
}

const CONVERSATION_SEGMENT = '/conversations/';

/** A botbuilder `Storage` whose items carry `eTag`s and whose conversation state expires when idle. */
export class BotStateStorage implements Storage {
  private readonly keyPrefix: string;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly policy: BotStateStoragePolicy,
  ) {
    this.keyPrefix = policy.keyPrefix ?? KEYSPACE.state;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    await Promise.all(
      keys.map(async (key) => {
        const stored = await this.kv.get(this.kvKeyOf(key));
        if (stored !== undefined) items[key] = { ...asObject(stored.value), eTag: stored.etag };
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (typeof changes !== 'object' || changes === null) throw new ReferenceError('Changes are required when writing.');
    const outcomes = await Promise.allSettled(Object.entries(changes).map(([key, item]) => this.writeItem(key, item as StoreItem)));
    // Like MemoryStorage: every other item is still written; the first failure is reported.
    const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    await Promise.all(keys.map((key) => this.kv.delete(this.kvKeyOf(key))));
  }

  /** The key-value store's key for a botbuilder storage key. */
  kvKeyOf(storageKey: string): string {
    return this.keyPrefix + storageKey;
  }

  private async writeItem(key: string, item: StoreItem): Promise<void> {
    const { eTag, ...value } = item;
    const ttlMs = key.includes(CONVERSATION_SEGMENT) ? this.policy.conversationTtlMs : this.policy.userTtlMs;
    // A missing eTag or '*' means "last write wins" (BotState.saveChanges writes with '*').
    const ifEtag = typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
    // Disposable: conversation and user state expire anyway and never hold the only copy of anything.
    const written = await this.kv.put(this.kvKeyOf(key), value, { ifEtag, ttlMs, disposable: true });
    // TeamsSSOTokenExchangeMiddleware recognizes a conflict by the text "eTag conflict".
    if (written === undefined) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
