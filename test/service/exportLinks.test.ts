import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { translator } from '../../src/i18n';
import { ExportLinks } from '../../src/service/exportLinks';
import { KEYSPACE } from '../../src/service/keyspace';
import { erasePublisher } from '../../src/service/publisherErasure';
import { PrivacyService } from '../../src/service/privacyService';
import { hashSecret } from '../../src/signin/signinTickets';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine } from '../../src/store/types';
import { exportView } from '../../src/views/exportView';
import { renderText } from '../../src/wechat/textView';
import { homePublisher, USERS } from '../helpers/fixtures';
import { PublisherAccess } from '../../src/service/access';

const COUNTS = { contacts: 2, aadAccounts: 4, offers: 3, requestRecords: 5, wechatBindings: 0, teamsLinks: 0, auditEntries: 7 };

describe('Export links', () => {
  let store: StoreEngine;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-export-'));
    store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
    await store.publishers.put(homePublisher, 'new');
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores only a hash of the token, names no person, and gives it out once', async () => {
    const links = new ExportLinks(store.kv);
    const { token } = await links.issue({ publisherId: homePublisher.id, actorId: 'aad:abc' });
    const keys = await store.kv.keys(KEYSPACE.exportLink);
    assert.deepEqual(keys, [`${KEYSPACE.exportLink}${hashSecret(token)}`]);
    assert.ok(!keys[0]!.includes(token));
    assert.deepEqual(await links.claim(token), { publisherId: homePublisher.id, actorId: 'aad:abc' });
    assert.equal(await links.claim(token), undefined);
  });

  it('refuses an expired token', async () => {
    const links = new ExportLinks(store.kv);
    const { token } = await links.issue({ publisherId: homePublisher.id, actorId: 'aad:abc' });
    // The same entry, written to expire at once: what is left of a link after its 10 minutes.
    await store.kv.put(`${KEYSPACE.exportLink}${hashSecret(token)}`, { publisherId: homePublisher.id, actorId: 'aad:abc' }, { ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await links.claim(token), undefined);
  });

  it('is erased with its publisher: no pending link survives, and its token finds nothing', async () => {
    const service = new PrivacyService(store, 'test-salt');
    const links = new ExportLinks(store.kv);
    const { token } = await links.issue({ publisherId: homePublisher.id, actorId: 'aad:abc' });
    await erasePublisher(store, service.bindings, homePublisher.id, 'operator');
    assert.deepEqual(await store.kv.keys(KEYSPACE.exportLink), []);
    assert.equal(await service.downloadExport(token), undefined);
  });

  it('works only while whoever asked for it is still on the account list: a member removed meanwhile downloads nothing', async () => {
    const service = new PrivacyService(store, 'test-salt');
    const access = new PublisherAccess(store.publishers, 'test-salt');
    const { actor: member } = await access.authorize({ channel: 'aad', objectId: USERS.member.objectId }, homePublisher.id);
    const { actor: admin } = await access.authorize({ channel: 'aad', objectId: USERS.admin.objectId }, homePublisher.id);
    const kept = await service.createExportLink(admin);
    const revoked = await service.createExportLink(member);
    const stored = await store.publishers.get(homePublisher.id);
    await store.publishers.put({ ...stored!.publisher, aadAccounts: stored!.publisher.aadAccounts.filter((a) => a.objectId !== USERS.member.objectId) }, stored!.version);
    assert.equal(await service.downloadExport(revoked.token), undefined, 'the removed member gets nothing');
    assert.ok(await service.downloadExport(kept.token), 'an admin still on the list gets the file');
  });

  it('in WeChat gives the address as text and never says "click"', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const t = translator(locale);
      const url = 'https://bot.example.cn/exports/AAAA';
      const text = renderText(exportView(t, locale, '云帆', COUNTS, { url, expiresAt: new Date('2026-01-01T00:00:00Z') }), t).text;
      assert.ok(text.includes(url), text);
      assert.ok(!/click|点击|单击/i.test(text), text);
      assert.ok(text.includes(t('export.counts.requestRecords')));
    }
  });
});
