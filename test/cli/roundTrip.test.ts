/**
 * A good import file round-trips through `import` and `export` unchanged, on both engines.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { cliEngines, exportPublisher, importFile, parseExport, readSample, runCli, SAMPLE_FILE, TempFiles } from '../helpers/cli';

for (const engine of cliEngines()) {
  describe(`operator CLI round trip (${engine.name})`, function () {
    this.timeout(60_000);
    const files = new TempFiles();
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      await engine.prepare(this);
    });
    beforeEach(async () => {
      env = await engine.fresh();
    });
    afterEach(async () => {
      await engine.clean();
      await files.removeAll();
    });
    after(() => engine.dispose());

    it('imports the sample file with exit 0, its logs on stderr and nothing on stdout', async () => {
      const run = await runCli('import', [SAMPLE_FILE], env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /"msg":"import finished"/);
      assert.match(run.stderr, /Imported 2 publisher\(s\)\./);
    });

    it('exports each imported publisher exactly as the file holds it, Chinese text included', async () => {
      const sample = await readSample();
      await importFile(SAMPLE_FILE, env);
      for (const publisher of sample.publishers) {
        const run = await runCli('export', [publisher.id], env);
        assert.equal(run.code, 0, run.stderr);
        const exported = parseExport(run.stdout);
        assert.equal(exported.format, 'publisher-privacy-export/1');
        assert.deepStrictEqual(exported.publisher, publisher);
        assert.ok(run.stdout.includes(publisher.companyName), 'Chinese text is written as UTF-8, not escaped');
      }
    });

    it('lists the import and the export, newest first, in the exported audit trail', async () => {
      const [first] = (await readSample()).publishers;
      await importFile(SAMPLE_FILE, env);
      const exported = await exportPublisher(first!.id, env);
      assert.deepStrictEqual(
        exported.auditTrail.map(({ actor, publisherId, action, fields }) => ({ actor, publisherId, action, fields })),
        [
          { actor: 'operator', publisherId: first!.id, action: 'export', fields: [] },
          { actor: 'operator', publisherId: first!.id, action: 'import', fields: [] },
        ],
      );
    });

    it('replaces a publisher when a changed file is imported again', async () => {
      const sample = await readSample();
      const second = sample.publishers[1]!;
      await importFile(SAMPLE_FILE, env);
      second.contacts[0]!.phone = '+8613700137000';
      second.companyName = '深圳海纳智能云计算有限公司';
      const changed = await files.writeImport('changed.json', sample);
      await importFile(changed, env);
      const exported = await exportPublisher(second.id, env);
      assert.deepStrictEqual(exported.publisher, second);
      assert.deepStrictEqual(exported.auditTrail.map((entry) => entry.action), ['export', 'import', 'import']);
    });

    it('re-imports an exported publisher unchanged', async () => {
      const [first] = (await readSample()).publishers;
      await importFile(SAMPLE_FILE, env);
      const before = (await exportPublisher(first!.id, env)).publisher;
      const file = await files.writeImport('exported.json', { publishers: [before] });
      await importFile(file, env);
      const after = (await exportPublisher(first!.id, env)).publisher;
      assert.deepStrictEqual(after, before);
      assert.deepStrictEqual(after, first);
    });

    it('writes into the store the environment selects', async () => {
      assert.deepStrictEqual(await engine.written(), []);
      await importFile(SAMPLE_FILE, env);
      const written = await engine.written();
      const expected = engine.name === 'redis' ? 'ppa:pub:{beijing-zhiyun}' : path.join('publishers', 'beijing-zhiyun.json');
      assert.ok(written.includes(expected), `${expected} not among ${written.join(', ')}`);
    });
  });
}
