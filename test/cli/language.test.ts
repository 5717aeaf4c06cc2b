/**
 * The CLI speaks the operator's language: Chinese for a `zh_*` locale, English otherwise.
 */
import assert from 'node:assert/strict';
import { cliEngines, readSample, runCli, TempFiles } from '../helpers/cli';

for (const engine of cliEngines()) {
  describe(`operator CLI messages follow LANG (${engine.name})`, function () {
    this.timeout(60_000);
    const files = new TempFiles();
    let env: NodeJS.ProcessEnv = {};
    let badFile = '';

    before(async function () {
      await engine.prepare(this);
    });
    beforeEach(async () => {
      env = await engine.fresh();
      const sample = await readSample();
      sample.publishers[1]!.contacts[1]!.phone = '12345';
      badFile = await files.writeImport('bad-phone.json', sample);
    });
    afterEach(async () => {
      await engine.clean();
      await files.removeAll();
    });
    after(() => engine.dispose());

    it('refuses an import in Chinese, field message included, with LANG=zh_CN.UTF-8', async () => {
      const run = await runCli('import', [badFile], { ...env, LANG: 'zh_CN.UTF-8' });
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /publishers\[1\]\.contacts\[1\]\.phone: 手机号为 11 位数字，您输入了 5 位/);
      assert.match(run.stderr, /未导入任何数据：文件中有 1 处错误/);
      assert.doesNotMatch(run.stderr, /Nothing was imported/);
    });

    it('refuses an unknown publisher in Chinese with LANG=zh_CN.UTF-8', async () => {
      const run = await runCli('export', ['no-such-publisher'], { ...env, LANG: 'zh_CN.UTF-8' });
      assert.notEqual(run.code, 0);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /找不到 ID 为“no-such-publisher”的服务商。/);
    });

    it('refuses in English with LANG=en_US.UTF-8', async () => {
      const run = await runCli('import', [badFile], { ...env, LANG: 'en_US.UTF-8' });
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /Nothing was imported: the file has 1 error\(s\)\./);
    });

    it('lets LC_ALL override LANG', async () => {
      const run = await runCli('import', [badFile], { ...env, LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
      assert.match(run.stderr, /未导入任何数据/);
    });

    // Fails today: an empty LC_ALL counts as set (`LC_ALL ?? LANG`), where POSIX treats it as unset.
    it('follows LANG when LC_ALL is set but empty', async () => {
      const run = await runCli('import', [badFile], { ...env, LANG: 'zh_CN.UTF-8', LC_ALL: '' });
      assert.match(run.stderr, /未导入任何数据/);
    });
  });
}
