/**
 * Contract: concurrent writers, in one process, across engine instances and across processes.
 * No update may be lost; of several writers naming the same version exactly one wins.
 */
import assert from 'node:assert/strict';
import { ConflictError, type StoreEngine } from '../../src/store/types';
import { startWorker } from './childProcesses';
import type { ContractContext } from './contract';
import { demoPublisher } from './demoPublisher';
import { addOfferWithRetry } from './storeWorkload';

const WRITERS_PER_INSTANCE = 10;

/** Registers the concurrency part of the contract. */
export function concurrencyContract(ctx: ContractContext): void {
  describe('concurrency', () => {
    it('loses no update when writers on two instances read-modify-write with retry', async () => {
      const stores = [ctx.store(), await ctx.openAnother()];
      await ctx.store().publishers.put(demoPublisher(), 'new');
      const offerIds = stores.flatMap((_, s) => Array.from({ length: WRITERS_PER_INSTANCE }, (__, w) => `s${s}-w${w}`));
      await Promise.all(offerIds.map((offerId, i) => addOfferWithRetry(storeAt(stores, i).publishers, 'contoso-cn', offerId)));
      const stored = await ctx.store().publishers.get('contoso-cn');
      assert.equal(stored?.version, 1 + offerIds.length);
      assert.deepEqual(stored.publisher.offers.map((o) => o.id).sort(), ['vm-1', ...offerIds].sort());
    });

    it('lets exactly one of several writers naming the same version win', async () => {
      const stores = [ctx.store(), await ctx.openAnother()];
      await ctx.store().publishers.put(demoPublisher(), 'new');
      const names = Array.from({ length: 8 }, (_, i) => `Contoso ${i}`);
      const outcomes = await Promise.allSettled(
        names.map((companyName, i) => storeAt(stores, i).publishers.put({ ...demoPublisher(), companyName }, 1)),
      );
      const won = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [names[i]] : []));
      assert.equal(won.length, 1);
      for (const outcome of outcomes) if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof ConflictError);
      const stored = await ctx.store().publishers.get('contoso-cn');
      assert.equal(stored?.version, 2);
      assert.equal(stored.publisher.companyName, won[0]);
    });

    it("lets exactly one of several 'new' writes create the publisher", async () => {
      const stores = [ctx.store(), await ctx.openAnother()];
      const outcomes = await Promise.allSettled(stores.concat(stores, stores).map((s) => s.publishers.put(demoPublisher(), 'new')));
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      assert.equal((await ctx.store().publishers.get('contoso-cn'))?.version, 1);
    });

    it('lets exactly one conditional key-value write win (ifAbsent, then ifEtag)', async () => {
      const stores = [ctx.store(), await ctx.openAnother()];
      const absent = await Promise.all(Array.from({ length: 8 }, (_, i) => storeAt(stores, i).kv.put('lock:x', i, { ifAbsent: true })));
      assert.equal(absent.filter((etag) => etag !== undefined).length, 1);
      const etag = (await ctx.store().kv.get('lock:x'))?.etag;
      const conditional = await Promise.all(Array.from({ length: 8 }, (_, i) => storeAt(stores, i).kv.put('lock:x', i, { ifEtag: etag })));
      assert.equal(conditional.filter((e) => e !== undefined).length, 1);
    });

    it('counts every concurrent increment exactly once', async () => {
      const stores = [ctx.store(), await ctx.openAnother()];
      const counts = await Promise.all(Array.from({ length: 24 }, (_, i) => storeAt(stores, i).kv.increment('hits', 60_000)));
      assert.deepEqual(
        counts.sort((a, b) => a - b),
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
    });

    it('loses no update when two processes read-modify-write the same publisher', async function () {
      this.timeout(60_000);
      await ctx.store().publishers.put(demoPublisher(), 'new');
      const perProcess = 12;
      const workers = ['p1', 'p2'].map((tag) => startWorker('rmw', ctx.options(), ['contoso-cn', tag, String(perProcess)]));
      await Promise.all(workers.map((w) => w.waitFor((line) => line === 'ready')));
      for (const worker of workers) worker.child.stdin?.end('go\n'); // EOF too, so the worker can exit
      await Promise.all(workers.map((w) => w.waitFor((line) => line.startsWith('done'))));
      assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);
      const expected = ['p1', 'p2'].flatMap((tag) => Array.from({ length: perProcess }, (_, i) => `${tag}-${i}`));
      const stored = await ctx.store().publishers.get('contoso-cn');
      assert.equal(stored?.version, 1 + expected.length);
      assert.deepEqual(stored.publisher.offers.map((o) => o.id).sort(), ['vm-1', ...expected].sort());
    });
  });
}

function storeAt(stores: StoreEngine[], index: number): StoreEngine {
  const store = stores[index % stores.length];
  if (store === undefined) throw new Error('no store');
  return store;
}
