/**
 * Part versions in the privacy service, on both engines: a change to one part (an offer) does not
 * make a submit on another (the contact info, another offer, a record) stale; a change to the same
 * part does; and writers on two store instances changing different parts at once lose nothing.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contactInfoVersion, offerVersion, partVersion, recordVersion } from '../../src/domain/partVersions';
import type { Publisher } from '../../src/domain/publisher';
import { PublisherAccess, type Actor } from '../../src/service/access';
import { PrivacyService } from '../../src/service/privacyService';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { USERS, homePublisher } from '../helpers/fixtures';
import { deleteKeysWithPrefix, randomKeyPrefix, redisUrl, requireRedis } from '../helpers/redis';

const SALT = 'part-versions-test-salt';
const ID = homePublisher.id;

for (const engineName of ['embedded', 'redis'] as const) {
  describe(`Part versions in the privacy service (${engineName})`, function () {
    this.timeout(60_000);
    let stores: StoreEngine[] = [];
    let cleanup: () => Promise<void> = async () => {};

    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
    });
    beforeEach(async () => {
      // Two instances of one store, as two bot instances behind a load balancer would have.
      if (engineName === 'embedded') {
        const dataDir = await fs.mkdtemp(path.join(tmpdir(), 'ppa-parts-'));
        stores = [await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' }), await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' })];
        cleanup = () => fs.rm(dataDir, { recursive: true, force: true });
      } else {
        const keyPrefix = randomKeyPrefix('parts');
        stores = await Promise.all([0, 1].map(() => openStore({ store: 'redis', dataDir: '', redisUrl: redisUrl(), keyPrefix })));
        cleanup = async () => void (await deleteKeysWithPrefix(keyPrefix));
      }
      await stores[0]!.publishers.put(homePublisher, 'new');
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await cleanup();
    });

    async function adminOn(store: StoreEngine): Promise<{ service: PrivacyService; actor: Actor }> {
      const { actor } = await new PublisherAccess(store.publishers, SALT).authorize({ channel: 'aad', objectId: USERS.admin.objectId }, ID);
      return { service: new PrivacyService(store, SALT), actor };
    }
    const stored = async (): Promise<Publisher> => (await stores[0]!.publishers.get(ID))!.publisher;
    const [offerA, offerB] = homePublisher.offers;
    const [record] = homePublisher.requestRecords;
    const contactInfo = (p: Publisher, phone: string): unknown => ({
      companyName: p.companyName,
      creditCode: p.creditCode,
      contacts: p.contacts.map((c, i) => (i === 0 ? { ...c, phone } : c)),
    });

    it("changes with its own part only: an offer's edit leaves the contact info, the other offer and the records as they were", async () => {
      const { service, actor } = await adminOn(stores[0]!);
      const before = homePublisher;
      await service.updateCustomerService(actor, offerA!.id, { ...offerA!.customerService, qq: '123456789' }, offerVersion(offerA));
      const after = await stored();
      assert.notEqual(partVersion(after, { kind: 'offer', offerId: offerA!.id }), offerVersion(offerA));
      assert.equal(contactInfoVersion(after), contactInfoVersion(before));
      assert.equal(partVersion(after, { kind: 'offer', offerId: offerB!.id }), offerVersion(offerB));
      assert.equal(partVersion(after, { kind: 'record', recordId: record!.id }), recordVersion(record));
    });

    it("accepts my contact save and my record deletion after a colleague's offer edit, keeping both changes", async () => {
      const me = await adminOn(stores[0]!);
      const colleague = await adminOn(stores[1]!);
      const myContactVersion = contactInfoVersion(homePublisher);
      await colleague.service.updateCustomerService(colleague.actor, offerA!.id, { ...offerA!.customerService, qq: '123456789' }, offerVersion(offerA));
      await me.service.updateContactInfo(me.actor, contactInfo(homePublisher, '+8613912345678'), myContactVersion);
      const deleted = await me.service.deleteRequestRecord(me.actor, record!.id, recordVersion(record));
      assert.ok(deleted.receipt, 'the record deletion went through');
      const after = await stored();
      assert.equal(after.contacts[0]?.phone, '+8613912345678');
      assert.equal(after.offers.find((o) => o.id === offerA!.id)?.customerService.qq, '123456789');
      assert.equal(after.requestRecords.some((r) => r.id === record!.id), false);
    });

    it('refuses a save on the same part someone changed since (E-STALE) and writes nothing', async () => {
      const me = await adminOn(stores[0]!);
      const colleague = await adminOn(stores[1]!);
      const seen = offerVersion(offerA);
      await colleague.service.updateCustomerService(colleague.actor, offerA!.id, { ...offerA!.customerService, qq: '123456789' }, seen);
      const version = (await stores[0]!.publishers.get(ID))!.version;
      await assert.rejects(me.service.updateCustomerService(me.actor, offerA!.id, { ...offerA!.customerService, phone: '400-820-1234' }, seen), { code: 'E-STALE' });
      assert.equal((await stores[0]!.publishers.get(ID))!.version, version);
      assert.equal((await stored()).offers.find((o) => o.id === offerA!.id)?.customerService.qq, '123456789');
    });

    it('loses nothing when writers on two instances change different parts at the same time', async () => {
      const me = await adminOn(stores[0]!);
      const colleague = await adminOn(stores[1]!);
      const offers = homePublisher.offers;
      // Each offer's QQ edited from alternating instances, all at once, plus the contact info.
      const writes = [
        ...offers.map((offer, i) => {
          const writer = i % 2 === 0 ? me : colleague;
          return writer.service.updateCustomerService(writer.actor, offer.id, { ...offer.customerService, qq: `${88880000 + i}` }, offerVersion(offer));
        }),
        colleague.service.updateContactInfo(colleague.actor, contactInfo(homePublisher, '+8613912345678'), contactInfoVersion(homePublisher)),
      ];
      const outcomes = await Promise.allSettled(writes);
      assert.deepEqual(outcomes.map((o) => o.status), writes.map(() => 'fulfilled'));
      const after = await stored();
      assert.deepEqual(after.offers.map((o) => o.customerService.qq), offers.map((_, i) => `${88880000 + i}`));
      assert.equal(after.contacts[0]?.phone, '+8613912345678');
      assert.equal((await stores[0]!.publishers.get(ID))!.version, 1 + writes.length, 'one write per change');
    });

    it('lets exactly one of two writers editing the same offer from the same version win; the other is told, not lost silently', async () => {
      const me = await adminOn(stores[0]!);
      const colleague = await adminOn(stores[1]!);
      const seen = offerVersion(offerA);
      const outcomes = await Promise.allSettled([
        me.service.updateCustomerService(me.actor, offerA!.id, { ...offerA!.customerService, qq: '11111111' }, seen),
        colleague.service.updateCustomerService(colleague.actor, offerA!.id, { ...offerA!.customerService, qq: '22222222' }, seen),
      ]);
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      assert.equal(won.length, 1);
      const lost = outcomes.find((o) => o.status === 'rejected');
      assert.equal((lost?.reason as { code?: string }).code, 'E-STALE');
      assert.equal((await stored()).offers.find((o) => o.id === offerA!.id)?.customerService.qq, won[0] === 0 ? '11111111' : '22222222');
    });
  });
}
