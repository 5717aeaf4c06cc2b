/**
 * The residue registry on both engines: registrations from many conversations at once all land,
 * a hold that passed is dropped, and the registry itself expires with its longest hold.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ResidueRegistry } from '../../src/service/residueRegistry';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';

for (const engine of ['embedded', 'redis'] as const) {
  describe(`Residue registry (${engine})`, function () {
    this.timeout(30_000);
    let store: StoreEngine;
    let dataDir: string;
    const prefix = randomKeyPrefix('residue-reg');

    before(async function () {
      if (engine === 'redis') await requireRedis(this);
    });
    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-residue-reg-'));
      store = engine === 'embedded'
        ? await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' })
        : await openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix: prefix });
    });
    afterEach(async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
      if (engine === 'redis') await deleteKeysWithPrefix(prefix);
    });

    it('keeps every registration when 12 conversations register at the same moment', async () => {
      const registry = new ResidueRegistry(store.kv);
      const keys = Array.from({ length: 12 }, (_, i) => `state:msteams/conversations/c-${i}/`);
      await Promise.all(keys.map((key) => registry.note('pub-a', [key], 60_000)));
      assert.deepEqual(await registry.keysOf('pub-a'), [...keys].sort());
      assert.deepEqual(await registry.keysOf('pub-b'), [], "another publisher's registry is its own");
    });

    it('drops a key once its hold has passed, and a later hold extends an earlier one', async () => {
      let now = 1_000_000;
      const registry = new ResidueRegistry(store.kv, () => now);
      await registry.note('pub-a', ['state:short'], 1_000);
      await registry.note('pub-a', ['state:long'], 5_000);
      await registry.note('pub-a', ['state:short'], 3_000);
      now += 2_000;
      assert.deepEqual(await registry.keysOf('pub-a'), ['state:long', 'state:short'], 'the longer hold of state:short counts');
      now += 2_000;
      assert.deepEqual(await registry.keysOf('pub-a'), ['state:long']);
    });

    it('expires in the store with its longest hold', async () => {
      const registry = new ResidueRegistry(store.kv);
      await registry.note('pub-a', ['state:x'], 150);
      assert.ok((await store.kv.keys('residue:')).includes('residue:pub-a'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await store.kv.get('residue:pub-a'), undefined);
    });

    it('forgets a publisher whole', async () => {
      const registry = new ResidueRegistry(store.kv);
      await registry.note('pub-a', ['state:x'], 60_000);
      await registry.forget('pub-a');
      assert.deepEqual(await registry.keysOf('pub-a'), []);
      assert.deepEqual(await store.kv.keys('residue:'), []);
    });
  });
}
