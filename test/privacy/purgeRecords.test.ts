/** `npm run purge-records -- --older-than 365d` on both engines: old request records go, with receipts and no residue. */
import assert from 'node:assert/strict';
import { publisherSchema } from '../../src/domain/publisher';
import { translator } from '../../src/i18n';
import { requireCluster } from '../helpers/redisServer';
import { requireRedis } from '../helpers/redis';
import { escapeRegExp } from '../helpers/text';
import { allMarkers, expectNone, markerPublisher, missing, openEngine, plantAnswer, plantCopy, scanText, type EngineUnderTest, type MarkerPublisher } from '../helpers/residue';
import { runCli } from '../helpers/cli';

const DAY = 86_400_000;
const en = translator('en-US');

/** A marker publisher whose records were submitted `agesInDays` ago, in that order. */
function withRecords(agesInDays: number[]): MarkerPublisher {
  const mp = markerPublisher();
  const template = mp.publisher.requestRecords[0]!;
  const requestRecords = agesInDays.map((age, i) => ({ ...template, id: `req-age-${i}`, submittedAt: new Date(Date.now() - age * DAY).toISOString(), summary: `${template.summary}-age${age}` }));
  return { ...mp, publisher: publisherSchema.parse({ ...mp.publisher, requestRecords }), markers: { ...mp.markers, records: requestRecords.map((r) => [r.summary]) } };
}

for (const engineName of ['embedded', 'redis', 'redis-cluster'] as const) {
  describe(`purge-records (${engineName})`, function () {
    this.timeout(60_000);
    let engine: EngineUnderTest;
    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
      if (engineName === 'redis-cluster') await requireCluster(this);
    });
    beforeEach(async () => (engine = await openEngine(engineName)));
    afterEach(async () => engine?.dispose());

    it('removes records older than the cut-off from every publisher, each with a receipt, keeps newer ones, and leaves no copy', async () => {
      const a = withRecords([400, 366, 10]);
      const b = withRecords([800, 1]);
      const c = withRecords([30]);
      for (const mp of [a, b, c]) await engine.store.publishers.put(mp.publisher, 'new');
      const summary = (mp: MarkerPublisher, i: number): string => mp.publisher.requestRecords[i]!.summary;
      // Copies the bot holds: a WeChat session's page and a stored answer (of a member of both) that showed old records, and one that showed a new one.
      await plantCopy(engine.store.kv, a.publisher.id, 'state:wechat/conversations/wx-old/', { wechat: { pages: [summary(a, 0)] } });
      await plantAnswer(engine.store.kv, [a.publisher.id, b.publisher.id], 'u', `${summary(a, 1)}\n${summary(b, 0)}`);
      await plantCopy(engine.store.kv, a.publisher.id, 'state:wechat/conversations/wx-new/', { wechat: { pages: [summary(a, 2)] } });

      const run = await runCli('purgeRecords', ['--older-than', '365d'], engine.env);
      assert.equal(run.code, 0, run.stderr);
      const [before, after] = en('cli.purged', { count: 3, cutoff: 'CUTOFF' }).split('CUTOFF').map(escapeRegExp);
      const cutoff = new RegExp(`${before!}(\\S+)${after!}`).exec(run.stderr)?.[1];
      assert.ok(cutoff, run.stderr);
      assert.ok(Math.abs(Date.parse(cutoff) - (Date.now() - 365 * DAY)) < DAY, `the cut-off is 365 days ago: ${cutoff}`);

      const ids = async (mp: MarkerPublisher): Promise<string[]> => (await engine.store.publishers.get(mp.publisher.id))!.publisher.requestRecords.map((r) => r.id);
      assert.deepEqual(await ids(a), ['req-age-2']);
      assert.deepEqual(await ids(b), ['req-age-1']);
      assert.deepEqual(await ids(c), ['req-age-0']);
      for (const [mp, count] of [[a, 2], [b, 1]] as const) {
        const [newest] = await engine.store.audit.list(mp.publisher.id, 1);
        assert.equal(newest?.action, 'records.purge');
        assert.match(newest?.receiptId ?? '', /^[0-9a-f-]{36}$/);
        assert.deepEqual(newest?.erased, [{ category: 'requestRecord', count }]);
      }
      assert.deepEqual(await engine.store.audit.list(c.publisher.id), [], 'nothing purged, nothing recorded');

      const purged = [summary(a, 0), summary(a, 1), summary(b, 0)];
      expectNone(await engine.scan(purged), 'purged summaries still held');
      const kept = [summary(a, 2), summary(b, 1), summary(c, 0)];
      assert.deepEqual(missing(kept, await engine.scan(kept)), [], 'newer records, and the state that showed one, stay');
      const audit = [...(await engine.store.audit.list(a.publisher.id)), ...(await engine.store.audit.list(b.publisher.id))];
      expectNone(scanText('audit', JSON.stringify(audit), [...allMarkers(a), ...allMarkers(b)]), 'personal values in the purge receipts');
    });

    for (const args of [[], ['--older-than'], ['--older-than', '365'], ['--older-than', '1y'], ['365d'], ['--older-than', '365d', 'extra']]) {
      it(`refuses ${JSON.stringify(args)} with the usage and exit code 2, touching nothing`, async () => {
        const mp = withRecords([400]);
        await engine.store.publishers.put(mp.publisher, 'new');
        const run = await runCli('purgeRecords', args, engine.env);
        assert.equal(run.code, 2, run.stderr);
        assert.equal(run.stderr.trim(), en('cli.purgeUsage'));
        assert.equal((await engine.store.publishers.get(mp.publisher.id))?.version, 1);
      });
    }

    it('refuses an age beyond the calendar as a usage error (exit 2), not a crash', async () => {
      const run = await runCli('purgeRecords', ['--older-than', '99999999999d'], engine.env);
      assert.deepEqual({ code: run.code, stderr: run.stderr.trim() }, { code: 2, stderr: en('cli.purgeUsage') });
    });
  });
}
