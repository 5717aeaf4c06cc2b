/**
 * `export` of a publisher that is not there: non-zero exit, a message on stderr, nothing on stdout.
 */
import assert from 'node:assert/strict';
import { cliEngines, runCli, SAMPLE_FILE } from '../helpers/cli';

for (const engine of cliEngines()) {
  describe(`operator CLI export refusals (${engine.name})`, function () {
    this.timeout(60_000);
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      await engine.prepare(this);
    });
    beforeEach(async () => {
      env = await engine.fresh();
    });
    afterEach(() => engine.clean());
    after(() => engine.dispose());

    it('refuses an unknown id with a non-zero exit, the id named on stderr and an empty stdout', async () => {
      assert.equal((await runCli('import', [SAMPLE_FILE], env)).code, 0);
      const run = await runCli('export', ['no-such-publisher'], env);
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /No publisher with the id "no-such-publisher"\./);
    });

    it('refuses an id that cannot name a publisher without touching the store', async () => {
      const run = await runCli('export', ['../Beijing-Zhiyun'], env);
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /No publisher with the id "\.\.\/Beijing-Zhiyun"\./);
      assert.deepStrictEqual(await engine.written(), []);
    });

    it('prints its usage and exits non-zero without a publisher id', async () => {
      const run = await runCli('export', [], env);
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /Usage: npm run export -- PUBLISHER_ID/);
    });

    it('writes no audit entry for an export it refused', async () => {
      const refused = await runCli('export', ['no-such-publisher'], env);
      assert.notEqual(refused.code, 0);
      assert.deepStrictEqual(await engine.written(), []);
    });
  });
}
