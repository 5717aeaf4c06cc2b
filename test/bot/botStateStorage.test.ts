/**
 * BotStateStorage on its own: the expiry policy, key prefixes and eTag rules, checked against a
 * recording in-memory key-value store. (Both engines run the full conformance in the contract.)
 */
import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { BotStateStorage } from '../../src/bot/botStateStorage';
import type { KeyValueStore, PutOptions, StoredValue } from '../../src/store/types';
import { storageConformance } from '../store/contractBotStorage';

/** A Map-backed KeyValueStore that records every put (expiry is not simulated). */
class RecordingKeyValueStore implements KeyValueStore {
  readonly entries = new Map<string, StoredValue>();
  readonly puts: Array<{ key: string; value: unknown; options: PutOptions | undefined }> = [];
  private next = 0;

  get(key: string): Promise<StoredValue | undefined> {
    const stored = this.entries.get(key);
    return Promise.resolve(stored && { value: structuredClone(stored.value), etag: stored.etag });
  }

  put(key: string, value: unknown, options?: PutOptions): Promise<string | undefined> {
    this.puts.push({ key, value, options });
    const current = this.entries.get(key);
    if (current && (options?.ifAbsent === true || (options?.ifEtag !== undefined && options.ifEtag !== current.etag))) {
      return Promise.resolve(undefined);
    }
    const etag = `e${(this.next += 1)}`;
    this.entries.set(key, { value: structuredClone(value), etag });
    return Promise.resolve(etag);
  }

  delete(key: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(key));
  }

  increment(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }

  keys(prefix: string): Promise<string[]> {
    return Promise.resolve([...this.entries.keys()].filter((key) => key.startsWith(prefix)));
  }
}

describe('BotStateStorage', () => {
  describe('the ported conformance checks, run against botbuilder’s own MemoryStorage', () => {
    storageConformance(() => new MemoryStorage());
  });

  describe('on a recording key-value store', () => {
    storageConformance(() => new BotStateStorage(new RecordingKeyValueStore(), { conversationTtlMs: 1_000 }));
  });

  it('renews the conversation ttl on every write and lets user state live on', async () => {
    const kv = new RecordingKeyValueStore();
    const storage = new BotStateStorage(kv, { conversationTtlMs: 30 * 60_000 });
    const conversation = 'msteams/conversations/a:1/';
    const privateState = 'msteams/conversations/a:1/users/29:1/';
    const user = 'msteams/users/29:1/';
    await storage.write({ [conversation]: { n: 1 }, [privateState]: { n: 1 }, [user]: { n: 1 } });
    await storage.write({ [conversation]: { n: 2, eTag: '*' } });
    const ttls = kv.puts.map(({ key, options }) => [key, options?.ttlMs]);
    assert.deepEqual(ttls, [
      [`state:${conversation}`, 30 * 60_000],
      [`state:${privateState}`, 30 * 60_000],
      [`state:${user}`, undefined],
      [`state:${conversation}`, 30 * 60_000],
    ]);
  });

  it('applies a user ttl and a custom key prefix when given', async () => {
    const kv = new RecordingKeyValueStore();
    const storage = new BotStateStorage(kv, { conversationTtlMs: 1_000, userTtlMs: 5_000, keyPrefix: 'bot:' });
    await storage.write({ 'wechat/users/o1/': { locale: 'zh-CN' } });
    // Disposable: the embedded engine writes bot state atomically but does not fsync it.
    assert.deepEqual(kv.puts[0], { key: 'bot:wechat/users/o1/', value: { locale: 'zh-CN' }, options: { ifEtag: undefined, ttlMs: 5_000, disposable: true } });
    assert.deepEqual(await storage.read(['wechat/users/o1/']), { 'wechat/users/o1/': { locale: 'zh-CN', eTag: 'e1' } });
  });

  it('stores the item without its eTag and writes conditionally only on a real eTag', async () => {
    const kv = new RecordingKeyValueStore();
    const storage = new BotStateStorage(kv, { conversationTtlMs: 1_000 });
    await storage.write({ a: { x: 1, eTag: '*' }, b: { x: 1, eTag: '' }, c: { x: 1 } });
    await storage.write({ a: { x: 2, eTag: 'e1' } });
    assert.deepEqual(
      kv.puts.map(({ value, options }) => [value, options?.ifEtag]),
      [
        [{ x: 1 }, undefined],
        [{ x: 1 }, undefined],
        [{ x: 1 }, undefined],
        [{ x: 2 }, 'e1'],
      ],
    );
  });

  it('reports a conflict as "eTag conflict" and still writes the other items', async () => {
    const kv = new RecordingKeyValueStore();
    const storage = new BotStateStorage(kv, { conversationTtlMs: 1_000 });
    await storage.write({ a: { x: 1 } });
    await assert.rejects(storage.write({ a: { x: 2, eTag: 'stale' }, b: { y: 1 } }), {
      message: 'Storage: error writing "a" due to eTag conflict.',
    });
    assert.deepEqual(await storage.read(['a', 'b']), { a: { x: 1, eTag: 'e1' }, b: { y: 1, eTag: 'e2' } });
  });
});
