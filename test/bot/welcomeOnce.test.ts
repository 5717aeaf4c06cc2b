/**
 * What WelcomeOnce asks of the store: one put-if-absent with the conversation's expiry, marked
 * disposable (a flag lost in a power cut costs a second welcome, not data).
 */
import assert from 'node:assert/strict';
import { WelcomeOnce } from '../../src/bot/welcomeOnce';
import type { KeyValueStore, PutOptions, StoredValue } from '../../src/store/types';

describe('WelcomeOnce', () => {
  it('claims with one disposable put-if-absent that expires with conversation state', async () => {
    const puts: Array<PutOptions | undefined> = [];
    const values = new Map<string, StoredValue>();
    const kv: KeyValueStore = {
      get: (key) => Promise.resolve(values.get(key)),
      put: (key, value, options) => {
        puts.push(options);
        if (values.has(key)) return Promise.resolve(undefined);
        values.set(key, { value, etag: 'e' });
        return Promise.resolve('e');
      },
      delete: () => Promise.reject(new Error('not used')),
      increment: () => Promise.reject(new Error('not used')),
      keys: () => Promise.reject(new Error('not used')),
    };
    const welcome = new WelcomeOnce(kv, 60_000);
    assert.equal(await welcome.claim('msteams', 'a:1'), true);
    assert.equal(await welcome.claim('msteams', 'a:1'), false);
    assert.deepEqual(puts, [
      { ifAbsent: true, ttlMs: 60_000, disposable: true },
      { ifAbsent: true, ttlMs: 60_000, disposable: true },
    ]);
  });
});
