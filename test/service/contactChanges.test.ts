/**
 * Contacts in the privacy service, on both engines: a removal is its own action (receipt, audit
 * entry, residue sweep; never the last contact; confirmed on the contact's version), and an edit
 * never removes one. A correction is an update without a receipt whose old value leaves no copy in
 * any state key, WeChat stored answer or file (the copies planted here are registered for the
 * publisher, as a conversation's turn registers them).
 */
import assert from 'node:assert/strict';
import { contactInfoVersion, contactVersion, offerVersion } from '../../src/domain/partVersions';
import type { Publisher } from '../../src/domain/publisher';
import { PublisherAccess, type Actor } from '../../src/service/access';
import { isPrivacyError } from '../../src/service/errors';
import { PrivacyService } from '../../src/service/privacyService';
import { requireRedis } from '../helpers/redis';
import { TEST_AUDIT_SALT, expectNone, markerPublisher, missing, openEngine, plantAnswer, plantCopy, type EngineUnderTest, type MarkerPublisher } from '../helpers/residue';

for (const engineName of ['embedded', 'redis'] as const) {
  describe(`Contact removal and correction in the service (${engineName})`, function () {
    this.timeout(30_000);
    let engine: EngineUnderTest;
    let service: PrivacyService;
    let mp: MarkerPublisher;
    let actor: Actor;

    before(async function () {
      if (engineName === 'redis') await requireRedis(this);
    });
    beforeEach(async () => {
      engine = await openEngine(engineName);
      service = new PrivacyService(engine.store, TEST_AUDIT_SALT);
      mp = markerPublisher();
      await engine.store.publishers.put(mp.publisher, 'new');
      ({ actor } = await new PublisherAccess(engine.store.publishers, TEST_AUDIT_SALT).authorize({ channel: 'aad', objectId: mp.admin.objectId }, mp.publisher.id));
    });
    afterEach(async () => engine?.dispose());

    const stored = async (): Promise<Publisher> => (await service.view(actor)).publisher;
    const info = (p: Publisher, contacts: unknown[]): unknown => ({ companyName: p.companyName, creditCode: p.creditCode, contacts });
    /** A WeChat stored answer and a paged conversation state that showed `text`, and one conversation's state that did not. */
    async function copiesOf(text: string): Promise<void> {
      const id = mp.publisher.id;
      await plantAnswer(engine.store.kv, id, 'c', `【联系信息】\n电话：${text}`);
      await plantCopy(engine.store.kv, id, 'state:wechat/conversations/wx-c/', { wechat: { pages: [`联系人 2：${text}`] } });
      await plantCopy(engine.store.kv, id, 'state:wechat/conversations/wx-other/', { wechat: { pages: ['菜单'] } });
    }

    it('removes a contact with a receipt and an audit entry naming its position, and sweeps its values from state', async () => {
      const removed = mp.publisher.contacts[1]!;
      await copiesOf(removed.phone);
      assert.deepEqual(missing(mp.markers.contacts[1]!, await engine.scan(mp.markers.contacts[1]!)), [], 'the contact is held before');

      const result = await service.removeContact(actor, 1, contactVersion(removed));
      assert.deepEqual(result.receipt?.erased, [{ category: 'contact', count: 1 }]);
      assert.deepEqual((await stored()).contacts, [mp.publisher.contacts[0]]);
      const [entry] = await engine.store.audit.list(mp.publisher.id, 1);
      assert.deepEqual([entry?.action, entry?.fields, entry?.receiptId], ['contact.remove', ['contacts[1]'], result.receipt?.id]);
      expectNone(await engine.scan(mp.markers.contacts[1]!), 'the removed contact is still held');
      assert.ok(await engine.store.kv.get('state:wechat/conversations/wx-other/'), 'state that never showed the contact stays');
    });

    it('never removes the last contact', async () => {
      await service.removeContact(actor, 1, contactVersion(mp.publisher.contacts[1]));
      const before = await engine.store.publishers.get(mp.publisher.id);
      await assert.rejects(service.removeContact(actor, 0, contactVersion(mp.publisher.contacts[0])), (error) => isPrivacyError(error, 'E-LAST-CONTACT'));
      assert.deepEqual(await engine.store.publishers.get(mp.publisher.id), before);
    });

    it('refuses a removal confirmed on a contact that changed since (stale), and removes a confirmed one that only moved', async () => {
      const [first, second] = mp.publisher.contacts;
      const corrected = { ...second!, email: `fixed.${second!.email}` };
      await service.updateContactInfo(actor, info(mp.publisher, [first, corrected]), contactInfoVersion(mp.publisher));
      await assert.rejects(service.removeContact(actor, 1, contactVersion(second)), (error) => isPrivacyError(error, 'E-STALE'));
      assert.equal((await stored()).contacts.length, 2, 'nothing removed on a stale confirmation');

      // A third contact, then the first removed: the confirmed third one now sits at position 1.
      const third = { name: `${first!.name}-3`, phone: '+8613700001234', email: 'third@example.com' };
      let current = await stored();
      await service.updateContactInfo(actor, info(current, [...current.contacts, third]), contactInfoVersion(current));
      const thirdVersion = contactVersion((await stored()).contacts[2]);
      await service.removeContact(actor, 0, contactVersion(first));
      await service.removeContact(actor, 2, thirdVersion);
      current = await stored();
      assert.deepEqual(current.contacts.map((c) => c.email), [corrected.email]);
    });

    it('says a repeated removal was already applied, and writes nothing more', async () => {
      const version = contactVersion(mp.publisher.contacts[1]);
      await service.removeContact(actor, 1, version);
      const again = await service.removeContact(actor, 1, version);
      assert.equal(again.alreadyApplied, true);
      assert.equal((await engine.store.audit.list(mp.publisher.id)).filter((e) => e.action === 'contact.remove').length, 1);
    });

    it('refuses an edit that submits a stored contact blank, naming each of its fields, and removes nothing', async () => {
      const blank = { name: '', phone: ' ', email: '' };
      await assert.rejects(service.updateContactInfo(actor, info(mp.publisher, [mp.publisher.contacts[0], blank]), contactInfoVersion(mp.publisher)), (error) => {
        assert.ok(isPrivacyError(error, 'E-VALIDATION'));
        assert.deepEqual(error.fieldErrors.map((e) => [e.path, e.messageKey]), ['name', 'phone', 'email'].map((f) => [`contacts[1].${f}`, 'validation.contactBlank']));
        return true;
      });
      assert.deepEqual((await stored()).contacts, mp.publisher.contacts);
    });

    it('keeps a stored contact that an edit does not carry: an edit never removes one', async () => {
      const result = await service.updateContactInfo(actor, info(mp.publisher, [mp.publisher.contacts[0]]), contactInfoVersion(mp.publisher));
      assert.deepEqual((await stored()).contacts, mp.publisher.contacts);
      assert.equal(result.receipt, undefined);
    });

    it("corrects a contact's name, phone and e-mail as an update without a receipt, and its old phone is gone from every state key", async () => {
      const [first, second] = mp.publisher.contacts;
      const [, oldPhone] = mp.markers.contacts[1]!;
      await copiesOf(second!.phone);
      await plantCopy(engine.store.kv, mp.publisher.id, 'state:wechat/conversations/wx-d/', { wechat: { form: { values: { 'contact.1.phone': second!.phone } } } });
      assert.ok((await engine.scan([oldPhone!])).length >= 4, 'the old phone is held in the publisher and three state entries before');

      const corrected = { name: '更正后的联系人', phone: '+8613700005678', email: 'corrected.contact@example.com' };
      const result = await service.updateContactInfo(actor, info(mp.publisher, [first, corrected]), contactInfoVersion(mp.publisher));
      assert.equal(result.receipt, undefined);
      assert.deepEqual(result.changedFields.sort(), ['contacts[1].email', 'contacts[1].name', 'contacts[1].phone']);
      const [entry] = await engine.store.audit.list(mp.publisher.id, 1);
      assert.deepEqual([entry?.action, entry?.receiptId], ['contactInfo.update', undefined]);
      expectNone(await engine.scan(mp.markers.contacts[1]!), 'an old value of the corrected contact is still held');
      assert.ok(await engine.store.kv.get('state:wechat/conversations/wx-other/'), 'state that never showed it stays');
      assert.deepEqual(missing(mp.markers.contacts[0]!, await engine.scan(mp.markers.contacts[0]!)), [], 'the unchanged contact is still stored');
    });

    it("sweeps an offer's corrected customer-service phone from WeChat's stored answers too", async () => {
      const offer = mp.publisher.offers[0]!;
      const [, oldPhone] = mp.markers.offers[0]!.slice(1);
      const answer = await plantAnswer(engine.store.kv, mp.publisher.id, 'o', `客服电话：${offer.customerService.phone}`);
      await service.updateCustomerService(actor, offer.id, { ...offer.customerService, phone: '+8613700009999' }, offerVersion(offer));
      assert.equal(await engine.store.kv.get(answer), undefined);
      expectNone(await engine.scan([oldPhone!]), 'the old customer-service phone is still held');
    });
  });
}
