/**
 * The residue sweep at the service level, on both engines: copies in bot state and WeChat entries
 * go with the erasure, however they are escaped; entries holding nothing erased stay.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { publisherSchema } from '../../src/domain/publisher';
import { PublisherAccess, type Actor } from '../../src/service/access';
import { PrivacyService } from '../../src/service/privacyService';
import { requireRedis } from '../helpers/redis';
import { TEST_AUDIT_SALT, describeHits, expectNone, markerPublisher, openEngine, plantAnswer, plantCopy, type EngineUnderTest, type MarkerPublisher } from '../helpers/residue';
import { offerVersion, recordVersion } from '../../src/domain/partVersions';

for (const engineName of ['embedded', 'redis'] as const) {
  describe(`Residue sweep after a service erasure (${engineName})`, function () {
    this.timeout(30_000);
    let engine: EngineUnderTest;
    let service: PrivacyService;

    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
    });
    beforeEach(async () => {
      engine = await openEngine(engineName);
      service = new PrivacyService(engine.store, TEST_AUDIT_SALT);
    });
    afterEach(async () => engine?.dispose());

    async function adminOf(mp: MarkerPublisher): Promise<Actor> {
      await engine.store.publishers.put(mp.publisher, 'new');
      const access = new PublisherAccess(engine.store.publishers, TEST_AUDIT_SALT);
      return (await access.authorize({ channel: 'aad', objectId: mp.admin.objectId }, mp.publisher.id)).actor;
    }

    it('removes state holding a value with quotes and backslashes (stored JSON-escaped), and keeps state holding none', async () => {
      const mp = markerPublisher();
      const summary = `${mp.markers.records[0]![0]!} "quoted" \\ C:\\path`;
      const actor = await adminOf({ ...mp, publisher: publisherSchema.parse({ ...mp.publisher, requestRecords: mp.publisher.requestRecords.map((r, i) => (i === 0 ? { ...r, summary } : r)) }) });
      const kept = mp.publisher.requestRecords[1]!.summary;
      const id = mp.publisher.id;
      await plantCopy(engine.store.kv, id, 'state:wechat/conversations/wx-a/', { wechat: { pages: [`摘要：${summary}`] } });
      const answer = await plantAnswer(engine.store.kv, id, 'a', `【申请记录】\n${summary}`);
      await plantCopy(engine.store.kv, id, 'state:wechat/conversations/wx-b/', { wechat: { pages: [`摘要：${kept}`] } });

      const result = await service.deleteRequestRecord(actor, mp.publisher.requestRecords[0]!.id, recordVersion((await service.view(actor)).publisher.requestRecords[0]));
      assert.ok(result.receipt);
      const escaped = JSON.stringify(summary).slice(1, -1);
      expectNone(await engine.scan([summary, escaped]), 'the erased summary is still held');
      assert.equal(await engine.store.kv.get('state:wechat/conversations/wx-a/'), undefined);
      assert.equal(await engine.store.kv.get(answer), undefined);
      assert.ok(await engine.store.kv.get('state:wechat/conversations/wx-b/'), 'state without erased values stays');
    });

    it('leaves no copy in a state entry that has expired but is still stored', async () => {
      const mp = markerPublisher();
      const actor = await adminOf(mp);
      const [offer] = mp.publisher.offers;
      // A WeChat draft of the offer whose conversation went idle a moment ago.
      await plantCopy(engine.store.kv, mp.publisher.id, 'state:wechat/conversations/wx-idle/', { wechat: { form: { values: offer!.customerService } } }, 1);
      await delay(20);

      await service.deleteOffer(actor, offer!.id, offerVersion(offer));
      const residue = await engine.scan(mp.markers.offers[0]!.slice(1));
      assert.equal(residue.length, 0, `an expired, not yet swept entry still holds the erased values:\n${describeHits(residue)}`);
    });
  });
}
