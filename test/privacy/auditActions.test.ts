/** Every action the audit trail records has a name in both languages (AUDIT_ACTION_KEYS and the locale files). */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PublisherAccess } from '../../src/service/access';
import { PrivacyService } from '../../src/service/privacyService';
import { erasePublisher } from '../../src/service/publisherErasure';
import { purgeRequestRecords } from '../../src/service/retention';
import { WechatBindings } from '../../src/service/wechatBindings';
import { AUDIT_ACTION_KEYS } from '../../src/views/privacyViews';
import { TEST_AUDIT_SALT, importWithCli, markerPublisher, openEngine, type EngineUnderTest } from '../helpers/residue';
import { aadAccountsVersion, contactInfoVersion, contactVersion, offerVersion, recordVersion } from '../../src/domain/partVersions';

const ROOT = path.resolve(__dirname, '../..');
const keyOf = (action: string): string => action.replace(/\./g, '_');

function localeActions(locale: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(path.join(ROOT, 'locales', locale, 'translation.json'), 'utf8')) as { audit?: { actions?: Record<string, unknown> } };
  return json.audit?.actions ?? {};
}

/** Action names written by the source: `action: '…'` literals, the service's `erase(current, '…', …)` and `this.audit(actor, '…', …)`. */
async function actionsInSource(): Promise<Set<string>> {
  const files = (await readdir(path.join(ROOT, 'src'), { recursive: true })).filter((file) => file.endsWith('.ts') && !file.startsWith(`views${path.sep}`));
  const found = new Set<string>();
  for (const file of files) {
    const text = await readFile(path.join(ROOT, 'src', file), 'utf8');
    for (const match of text.matchAll(/\baction: '([A-Za-z.]+)'|\b(?:erase\(current|this\.audit\(actor), '([A-Za-z.]+)'/g)) found.add(match[1] ?? match[2]!);
  }
  return found;
}

describe('Audit action names', function () {
  this.timeout(60_000);

  it('every key of AUDIT_ACTION_KEYS has a non-empty name in both locales, and no locale names an unknown action', () => {
    for (const locale of ['en-US', 'zh-CN']) {
      const names = localeActions(locale);
      for (const key of AUDIT_ACTION_KEYS) assert.ok(typeof names[key] === 'string' && names[key] !== '', `${locale}: audit.actions.${key}`);
      assert.deepEqual(Object.keys(names).sort(), [...AUDIT_ACTION_KEYS].sort(), `${locale} lists exactly the known actions`);
    }
  });

  it('every action string the source writes to the audit trail is one of AUDIT_ACTION_KEYS', async () => {
    const written = [...(await actionsInSource())].map(keyOf);
    assert.ok(written.includes('export') && written.includes('import') && written.includes('offer_delete'), `found the audit writes: ${written.join(', ')}`);
    assert.deepEqual(written.filter((key) => !(AUDIT_ACTION_KEYS as readonly string[]).includes(key)), []);
  });

  describe('every action recorded by really doing it', () => {
    let engine: EngineUnderTest;
    before(async () => (engine = await openEngine('embedded')));
    after(async () => engine?.dispose());

    it('is one of AUDIT_ACTION_KEYS, and together they cover every key', async () => {
      const mp = markerPublisher();
      const id = mp.publisher.id;
      await importWithCli([mp.publisher], engine.env);
      const { store } = engine;
      const service = new PrivacyService(store, TEST_AUDIT_SALT);
      const bindings = new WechatBindings(store.kv, store.audit, TEST_AUDIT_SALT);
      const { actor } = await new PublisherAccess(store.publishers, TEST_AUDIT_SALT).authorize({ channel: 'aad', objectId: mp.admin.objectId }, id);
      const { publisher } = mp;

      await service.updateContactInfo(actor, { companyName: `${publisher.companyName}-2`, creditCode: publisher.creditCode, contacts: publisher.contacts }, contactInfoVersion(publisher));
      await service.removeContact(actor, 1, contactVersion((await service.view(actor)).publisher.contacts[1]));
      await service.addAadAccount(actor, { upn: `added.${mp.member.upn}`, role: 'member' });
      await service.changeAadAccountRole(actor, `added.${mp.member.upn}`, 'admin', aadAccountsVersion((await service.view(actor)).publisher));
      await service.removeAadAccount(actor, `added.${mp.member.upn}`, aadAccountsVersion((await service.view(actor)).publisher));
      await service.updateCustomerService(actor, publisher.offers[0]!.id, { ...publisher.offers[0]!.customerService, name: 'changed' }, offerVersion(publisher.offers[0]));
      await service.deleteOffer(actor, publisher.offers[1]!.id, offerVersion(publisher.offers[1]));
      await service.deleteRequestRecord(actor, publisher.requestRecords[0]!.id, recordVersion(publisher.requestRecords[0]));
      await service.exportAll(actor);
      const { token } = await service.createExportLink(actor);
      assert.ok(await service.downloadExport(token));
      const { code } = await bindings.issueCode(actor);
      assert.equal((await bindings.bind(mp.openid, code)).kind, 'bound');
      assert.ok(await bindings.unbind(mp.openid));
      // Links made by signing in with the Azure account, in WeChat and in Teams.
      await bindings.link(mp.openid, id, mp.admin.objectId);
      assert.ok(await bindings.unbind(mp.openid));
      const teamsLinks = bindings.forChannel('teams');
      await teamsLinks.link('teams-user-of-another-tenant', id, mp.admin.objectId);
      assert.ok(await teamsLinks.unbind('teams-user-of-another-tenant'));
      const current = (await store.publishers.get(id))!.publisher;
      await importWithCli([{ ...current, offers: current.offers.slice(1) }], engine.env, ['--replace']);
      assert.equal(await purgeRequestRecords(store, new Date(Date.now() + 86_400_000)), 1);
      assert.ok(await erasePublisher(store, bindings, id, 'operator'));

      const recorded = [...new Set((await store.audit.list(id)).map((entry) => keyOf(entry.action)))].sort();
      assert.deepEqual(recorded, [...AUDIT_ACTION_KEYS].sort());
    });
  });
});
