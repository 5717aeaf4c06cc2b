/**
 * Contract: the key-value store (etags, conditional writes, counters, prefixes, expiry).
 */
import assert from 'node:assert/strict';
import { eventually, type ContractContext } from './contract';

/** Registers the key-value part of the contract. */
export function keyValueContract(ctx: ContractContext): void {
  describe('key-value', () => {
    it('puts and gets JSON values with an etag that changes on every write', async () => {
      const { kv } = ctx.store();
      assert.equal(await kv.get('a'), undefined);
      const first = await kv.put('a', { n: 1, list: ['x'], nested: { ok: true } });
      assert.equal(typeof first, 'string');
      assert.deepEqual(await kv.get('a'), { value: { n: 1, list: ['x'], nested: { ok: true } }, etag: first });
      const second = await kv.put('a', 'text');
      assert.notEqual(second, first);
      assert.deepEqual(await kv.get('a'), { value: 'text', etag: second });
      await kv.put('n', null);
      assert.deepEqual((await kv.get('n'))?.value, null);
    });

    it('writes with ifEtag only over that etag (or when the key is absent)', async () => {
      const { kv } = ctx.store();
      assert.equal(typeof (await kv.put('k', 1, { ifEtag: 'whatever' })), 'string'); // absent: written
      const etag = (await kv.get('k'))?.etag;
      assert.equal(await kv.put('k', 2, { ifEtag: 'stale' }), undefined);
      assert.equal((await kv.get('k'))?.value, 1);
      const next = await kv.put('k', 3, { ifEtag: etag });
      assert.equal(typeof next, 'string');
      assert.equal(await kv.put('k', 4, { ifEtag: etag }), undefined);
      assert.deepEqual(await kv.get('k'), { value: 3, etag: next });
    });

    it('writes with ifAbsent only when the key is absent', async () => {
      const { kv } = ctx.store();
      assert.equal(typeof (await kv.put('once', 'first', { ifAbsent: true })), 'string');
      assert.equal(await kv.put('once', 'second', { ifAbsent: true }), undefined);
      assert.equal((await kv.get('once'))?.value, 'first');
    });

    it('treats a disposable put as any other put: conditions, expiry, delete', async () => {
      const { kv } = ctx.store();
      const first = await kv.put('disposable', { n: 1 }, { ifAbsent: true, ttlMs: 60_000, disposable: true });
      assert.equal(typeof first, 'string');
      assert.equal(await kv.put('disposable', { n: 2 }, { ifAbsent: true, disposable: true }), undefined);
      assert.equal(await kv.put('disposable', { n: 2 }, { ifEtag: 'stale', disposable: true }), undefined);
      const second = await kv.put('disposable', { n: 3 }, { ifEtag: first, ttlMs: 60_000, disposable: true });
      assert.deepEqual(await kv.get('disposable'), { value: { n: 3 }, etag: second });
      assert.equal(await kv.delete('disposable'), true);
      assert.equal(await kv.get('disposable'), undefined);
    });

    it('deletes, conditionally on the etag when given', async () => {
      const { kv } = ctx.store();
      const etag = await kv.put('d', 1);
      assert.equal(await kv.delete('d', 'stale'), false);
      assert.equal(await kv.delete('d', etag), true);
      assert.equal(await kv.get('d'), undefined);
      assert.equal(await kv.delete('d'), false);
      await kv.put('d', 2);
      assert.equal(await kv.delete('d'), true);
    });

    it('keeps keys with odd characters apart', async () => {
      const { kv } = ctx.store();
      const keys = ['!@#$%^&*()~/\\><,.?\';"`~', 'wechat/users/oAbC-123/', 'a*', 'a?', 'a[1]', '{tag}', '中文键'];
      for (const key of keys) await kv.put(key, key);
      for (const key of keys) assert.equal((await kv.get(key))?.value, key);
      assert.deepEqual(await kv.keys('a'), ['a*', 'a?', 'a[1]']);
      assert.deepEqual(await kv.keys('a*'), ['a*']);
    });

    it('lists the live keys under a prefix', async () => {
      const { kv } = ctx.store();
      await kv.put('state:msteams/conversations/c1/', {});
      await kv.put('state:msteams/users/u1/', {});
      await kv.put('dedupe:1', true);
      assert.deepEqual(await kv.keys('state:'), ['state:msteams/conversations/c1/', 'state:msteams/users/u1/']);
      assert.deepEqual(await kv.keys('nothing:'), []);
      assert.equal((await kv.keys('')).length, 3);
    });

    it('counts with increment, creating the counter at 1', async () => {
      const { kv } = ctx.store();
      assert.equal(await kv.increment('rate:u1', 60_000), 1);
      assert.equal(await kv.increment('rate:u1', 60_000), 2);
      assert.equal(await kv.increment('rate:u2', 60_000), 1);
      assert.equal((await kv.get('rate:u1'))?.value, 2);
    });

    describe('expiry', () => {
      it('expires a key after its ttl; a later write without ttl keeps it', async () => {
        const { kv } = ctx.store();
        await kv.put('short', 'x', { ttlMs: 80 });
        await kv.put('renewed', 'x', { ttlMs: 80 });
        await kv.put('renewed', 'y');
        await kv.put('forever', 'z');
        await eventually(async () => (await kv.get('short')) === undefined, 'the short key expired');
        assert.deepEqual(await kv.keys(''), ['forever', 'renewed']);
        assert.equal((await kv.get('renewed'))?.value, 'y');
        assert.equal(typeof (await kv.put('short', 'again', { ifAbsent: true })), 'string');
      });

      it('hides an expired key from keys() and conditional writes', async () => {
        const { kv } = ctx.store();
        const etag = await kv.put('gone', 1, { ttlMs: 60 });
        await eventually(async () => (await kv.keys('')).length === 0, 'keys() no longer lists it');
        assert.equal(await kv.delete('gone', etag), false);
        assert.equal(typeof (await kv.put('gone', 2, { ifEtag: 'old' })), 'string');
      });

      it('starts a counter again after its window expired', async () => {
        const { kv } = ctx.store();
        assert.equal(await kv.increment('window', 100), 1);
        await eventually(async () => (await kv.get('window')) === undefined, 'the counter expired');
        assert.equal(await kv.increment('window', 100), 1);
      });
    });
  });
}
