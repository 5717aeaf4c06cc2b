/** `npm run erase -- PUBLISHER_ID --confirm`: what it refuses. (What it erases: erasureResidue.test.ts.) */
import assert from 'node:assert/strict';
import { translator } from '../../src/i18n';
import { requireCluster } from '../helpers/redisServer';
import { requireRedis } from '../helpers/redis';
import { markerPublisher, openEngine, type EngineUnderTest } from '../helpers/residue';
import { runCli } from '../helpers/cli';

const en = translator('en-US');
const zh = translator('zh-CN');

for (const engineName of ['embedded', 'redis', 'redis-cluster'] as const) {
  describe(`erase (${engineName})`, function () {
    this.timeout(60_000);
    let engine: EngineUnderTest;
    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
      if (engineName === 'redis-cluster') await requireCluster(this);
    });
    beforeEach(async () => (engine = await openEngine(engineName)));
    afterEach(async () => engine?.dispose());

    for (const args of [['ID'], ['--confirm'], ['--confirm', 'ID'], ['ID', '--yes'], ['ID', '--confirm', 'more']]) {
      it(`refuses ${JSON.stringify(args)} with the usage and exit code 2, erasing nothing`, async () => {
        const mp = markerPublisher();
        await engine.store.publishers.put(mp.publisher, 'new');
        const run = await runCli('erase', args.map((arg) => (arg === 'ID' ? mp.publisher.id : arg)), engine.env);
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stderr.trim(), en('cli.eraseUsage'));
        assert.ok(await engine.store.publishers.get(mp.publisher.id));
      });
    }

    it('answers an unknown publisher with exit code 1, in the operator\'s language, and records nothing', async () => {
      const run = await runCli('erase', ['no-such-publisher', '--confirm'], { ...engine.env, LANG: 'zh_CN.UTF-8' });
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim(), zh('cli.unknownPublisher', { publisherId: 'no-such-publisher' }));
      assert.deepEqual(await engine.store.audit.list('no-such-publisher'), []);
    });
  });
}
