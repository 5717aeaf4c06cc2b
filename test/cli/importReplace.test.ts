/**
 * Importing over publishers that exist never deletes silently: without `--replace` the command says
 * what the file would remove and writes nothing; with it, what goes gets an erasure receipt. Records
 * erased earlier are never brought back by an old file. On both engines.
 */
import assert from 'node:assert/strict';
import { cliEngines, exportPublisher, importFile, readSample, runCli, SAMPLE_FILE, TempFiles, type ImportFile } from '../helpers/cli';

/** The sample with one offer, one (member) account, one contact and one request record fewer. */
function smaller(sample: ImportFile): ImportFile {
  const copy = structuredClone(sample);
  const first = copy.publishers[0]!;
  first.offers = first.offers.slice(1);
  first.aadAccounts = first.aadAccounts.filter((account) => account.role === 'admin');
  first.contacts = first.contacts.slice(0, 1);
  first.requestRecords = first.requestRecords.slice(1);
  return copy;
}

for (const engine of cliEngines()) {
  describe(`operator CLI import over existing publishers (${engine.name})`, function () {
    this.timeout(90_000);
    const files = new TempFiles();
    let env: NodeJS.ProcessEnv = {};

    before(async function () {
      await engine.prepare(this);
    });
    beforeEach(async () => {
      env = { ...(await engine.fresh()), LANG: 'en_US.UTF-8' };
    });
    afterEach(async () => {
      await engine.clean();
      await files.removeAll();
    });
    after(() => engine.dispose());

    it('refuses a file that would remove data, lists what would go, and changes nothing', async () => {
      const sample = await readSample();
      const first = sample.publishers[0]!;
      await importFile(SAMPLE_FILE, env);
      const before = await exportPublisher(first.id, env);

      const run = await runCli('import', [await files.writeImport('smaller.json', smaller(sample))], env);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(
        run.stderr.includes(`${first.id}: removes 1 contact, 1 AAD account, 1 offer, the customer-service information of 1 offer, 1 request record.`),
        run.stderr,
      );
      assert.match(run.stderr, /would remove data from 1 publisher\(s\).*--replace/);
      assert.doesNotMatch(run.stderr, /Imported \d+ publisher/);

      const after = await exportPublisher(first.id, env);
      assert.deepStrictEqual(after.publisher, before.publisher);
      assert.deepStrictEqual(
        after.auditTrail.filter((entry) => entry.action !== 'export'),
        before.auditTrail.filter((entry) => entry.action !== 'export'),
        'no import was recorded',
      );
    });

    it('with --replace, replaces the publisher and records one erasure receipt for what went', async () => {
      const sample = await readSample();
      const target = smaller(sample);
      await importFile(SAMPLE_FILE, env);

      const run = await runCli('import', [await files.writeImport('smaller.json', target), '--replace'], env);
      assert.equal(run.code, 0, run.stderr);
      const receiptId = /Erasure receipt: ([0-9a-f-]{36})\./.exec(run.stderr)?.[1];
      assert.ok(receiptId, run.stderr);

      const exported = await exportPublisher(target.publishers[0]!.id, env);
      assert.deepStrictEqual(exported.publisher, target.publishers[0]);
      const replace = exported.auditTrail.find((entry) => entry.action === 'import.replace');
      assert.equal(replace?.receiptId, receiptId);
      assert.equal(replace?.actor, 'operator');
      assert.deepStrictEqual(replace?.erased, [
        { category: 'contact', count: 1 },
        { category: 'aadAccount', count: 1 },
        { category: 'offer', count: 1 },
        { category: 'customerService', count: 1 },
        { category: 'requestRecord', count: 1 },
      ]);
      // The receipt names what kind of thing went, never a value of it.
      const removed = sample.publishers[0]!;
      for (const value of [removed.contacts[1]!.name, removed.contacts[1]!.phone, removed.aadAccounts[1]!.upn, removed.offers[0]!.name]) {
        assert.ok(!JSON.stringify(exported.auditTrail).includes(value), `${value} in the audit trail`);
      }

      const untouched = await exportPublisher(sample.publishers[1]!.id, env);
      assert.deepStrictEqual(untouched.publisher, sample.publishers[1], 'the other publisher had nothing removed');
      assert.ok(!untouched.auditTrail.some((entry) => entry.action === 'import.replace'));
    });

    it('imports again without --replace when the file removes nothing (corrections and additions)', async () => {
      const sample = await readSample();
      await importFile(SAMPLE_FILE, env);
      sample.publishers[0]!.contacts[0]!.phone = '+8613700137000';
      sample.publishers[0]!.requestRecords.push({ id: 'req-new-001', kind: '数据导出', submittedAt: '2026-11-30T08:00:00+08:00', status: '处理中', summary: '新的申请' });
      const run = await runCli('import', [await files.writeImport('grown.json', sample)], env);
      assert.equal(run.code, 0, run.stderr);
      assert.deepStrictEqual((await exportPublisher(sample.publishers[0]!.id, env)).publisher, sample.publishers[0]);
    });

    it('never brings back request records that were purged, even with --replace', async () => {
      const sample = await readSample();
      const first = sample.publishers[0]!;
      await importFile(SAMPLE_FILE, env);
      const purge = await runCli('purgeRecords', ['--older-than', '365d'], env);
      assert.equal(purge.code, 0, purge.stderr);
      const kept = (await exportPublisher(first.id, env)).publisher;
      assert.ok(kept.requestRecords.length < first.requestRecords.length, 'the sample holds records older than a year');

      const run = await runCli('import', [SAMPLE_FILE, '--replace'], env);
      assert.equal(run.code, 1, run.stderr);
      const purged = first.requestRecords.filter((record) => !kept.requestRecords.some((k) => k.id === record.id));
      for (const record of purged) {
        const at = first.requestRecords.indexOf(record);
        assert.ok(run.stderr.includes(`publishers[0].requestRecords[${at}]: request record "${record.id}" was erased earlier`), run.stderr);
      }
      assert.deepStrictEqual((await exportPublisher(first.id, env)).publisher, kept);
    });

    it('prints the credit-code warning and imports the publisher anyway', async () => {
      const sample = await readSample();
      // Same pattern, wrong check character (the right one is E).
      sample.publishers[0]!.creditCode = '91110108MA01ABCD1F';
      const run = await runCli('import', [await files.writeImport('check.json', sample)], env);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /publishers\[0\]\.creditCode: .*check/i);
      assert.doesNotMatch(run.stderr, /publishers\[1\]\.creditCode/);
      assert.equal((await exportPublisher(sample.publishers[0]!.id, env)).publisher.creditCode, '91110108MA01ABCD1F');
    });

    for (const args of [['--replace'], [SAMPLE_FILE, '--replace', '--replace'], [SAMPLE_FILE, '--force']]) {
      it(`refuses ${JSON.stringify(args.map((arg) => (arg === SAMPLE_FILE ? 'FILE' : arg)))} with the usage, touching nothing`, async () => {
        const run = await runCli('import', args, env);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /Usage: npm run import -- FILE\.json \[--replace\]/);
        assert.deepStrictEqual(await engine.written(), []);
      });
    }
  });
}
