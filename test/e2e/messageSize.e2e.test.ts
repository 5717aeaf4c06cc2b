/**
 * Teams refuses a message over about 28 KB. Through the real server, a publisher at the schema's
 * maxima (test/helpers/maximalPublisher.ts) is shown list by list, page by page, in both languages:
 * no activity the bot sends and no invoke response may exceed 25 KB of UTF-8 JSON.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publisherSchema } from '../../src/domain/publisher';
import { translator, type Locale } from '../../src/i18n';
import { openStore } from '../../src/store/openStore';
import { PAGE_SIZES } from '../../src/views/pager';
import { cardText, findAction, hasAction, type Card } from '../helpers/chat';
import { maximalPublisher, MAXIMA, worstText } from '../helpers/maximalPublisher';
import { FakeConnector, HttpChannel, RunningServer } from '../helpers/server';

const LIMIT_BYTES = 25_000;
const ADMIN = { objectId: 'maxima-admin-0001', name: 'Max Admin' };
/** A member of more publishers than one page of the chooser holds. */
const MANY = { objectId: 'maxima-many-0001', name: 'Many' };
const RECEIPTS = 25;
const AUDIT_ENTRIES = 40;

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

async function seed(dataDir: string): Promise<void> {
  const store = await openStore({ store: 'embedded', dataDir, redisUrl: 'redis://unused' });
  const publisher = maximalPublisher(ADMIN.objectId);
  await store.publishers.put(publisher, 'new');
  const longFields = publisher.offers.slice(0, 12).map((offer) => `offers[${offer.id}].customerService.weibo`);
  for (let i = 0; i < AUDIT_ENTRIES; i++) {
    const at = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
    const receipt = i < RECEIPTS ? { receiptId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, erased: ['offer', 'customerService', 'requestRecord', 'aadAccount', 'contact', 'wechatBinding', 'teamsLink', 'publisher'].map((category) => ({ category, count: 10_000 })) } : {};
    await store.audit.append({ at, actor: `aad:${'f'.repeat(32)}`, publisherId: publisher.id, action: 'offer.delete', fields: longFields, ...receipt });
  }
  for (let i = 0; i < 12; i++) {
    await store.publishers.put(
      publisherSchema.parse({
        id: `many-${i}`,
        companyName: worstText(200, `m${i}`),
        contacts: [{ name: '王', phone: '+8613800138000', email: `m${i}@example.cn` }],
        aadAccounts: [{ objectId: MANY.objectId, upn: `many${i}@example.cn`, role: 'admin' }],
        offers: [],
        requestRecords: [],
      }),
      'new',
    );
  }
  await store.close();
}

describe('Teams message size at the schema maxima (real server)', function () {
  this.timeout(600_000);
  let server: RunningServer;
  let connector: FakeConnector;

  before(async () => {
    connector = await FakeConnector.start();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ppa-maxima-'));
    await seed(dataDir);
    server = await RunningServer.start({ DATA_DIR: dataDir, DEMO_DATA: 'off' });
  });
  after(async () => {
    await server.stop();
    await connector.stop();
  });

  /** Asserts the size of everything a turn produced; returns the card the user sees next. */
  function checked(what: string, replies: unknown[], invokeBody?: unknown): Card {
    const sentMeanwhile = connector.received.splice(0);
    for (const activity of [...replies, ...sentMeanwhile]) assert.ok(jsonBytes(activity) <= LIMIT_BYTES, `${what}: an activity of ${jsonBytes(activity)} bytes`);
    if (invokeBody !== undefined) assert.ok(jsonBytes(invokeBody) <= LIMIT_BYTES, `${what}: an invoke response of ${jsonBytes(invokeBody)} bytes`);
    const card = invokeBody !== undefined ? ((invokeBody as { value?: Card }).value as Card) : ((replies as { attachments?: { content: Card }[] }[]).flatMap((a) => a.attachments ?? []).at(-1)?.content as Card);
    assert.ok(card, `${what}: a card`);
    return card;
  }

  /**
   * Opens a list by its command and follows "next page" to the last page (or `maxPages`), checking
   * each page's size and its "page n of m" line; returns how many pages it walked.
   */
  async function walk(channel: HttpChannel, t: ReturnType<typeof translator>, command: string, what: string, pageText: (page: number) => string, maxPages = Infinity): Promise<number> {
    let card = checked(`${what} page 1`, await channel.say(command));
    let pages = 1;
    assert.ok(cardText(card).includes(pageText(1)), `${what}: says "${pageText(1)}"`);
    while (hasAction(card, t('paging.next')) && pages < maxPages) {
      const next = findAction(card, t('paging.next'));
      assert.equal((next.data ?? {}).v, undefined, 'paging carries no part version');
      const { status, body } = await channel.execute(next.verb ?? '', next.data ?? {});
      assert.equal(status, 200);
      pages += 1;
      card = checked(`${what} page ${pages}`, [], body);
      assert.ok(cardText(card).includes(pageText(pages)), `${what}: says "${pageText(pages)}"`);
    }
    return pages;
  }

  for (const locale of ['en-US', 'zh-CN'] as const satisfies readonly Locale[]) {
    const t = translator(locale);
    const word = (en: string, zh: string): string => (locale === 'en-US' ? en : zh);

    it(`pages offers, accounts, contacts, receipts and the audit trail under 25 KB per message (${locale})`, async () => {
      const channel = new HttpChannel(server, ADMIN, locale, connector);
      const lists = [
        [word('offers', '产品'), 'offers', MAXIMA.offers / PAGE_SIZES.offers],
        [word('accounts', '账号'), 'accounts', MAXIMA.aadAccounts / PAGE_SIZES.accounts],
        [word('contact', '联系信息'), 'contacts', MAXIMA.contacts / PAGE_SIZES.contacts],
        [word('receipts', '回执'), 'receipts', Math.ceil(RECEIPTS / PAGE_SIZES.receipts)],
        [word('audit', '审计'), 'audit', Math.ceil(AUDIT_ENTRIES / PAGE_SIZES.audit)],
      ] as const;
      for (const [command, what, pages] of lists) {
        assert.equal(await walk(channel, t, command, what, (page) => t('paging.pageOf', { page, pages })), pages, what);
      }
    });

    it(`pages the request records under 25 KB per message: the first pages by "next", then pages across the list (${locale})`, async () => {
      const channel = new HttpChannel(server, ADMIN, locale, connector);
      const lastPage = MAXIMA.requestRecords / 5 - 1;
      const pageText = (page: number): string => t('records.page', { page, pages: lastPage + 1, count: MAXIMA.requestRecords });
      assert.equal(await walk(channel, t, word('records', '申请记录'), 'records', pageText, 5), 5);
      for (const page of [100, 1000, lastPage - 1, lastPage]) {
        const { body } = await channel.execute('record.list', { page });
        const card = checked(`records page ${page + 1}`, [], body);
        assert.ok(cardText(card).includes(pageText(page + 1)));
        assert.equal(hasAction(card, t('paging.next')), page < lastPage);
      }
    });

    it(`shows one offer, its form and its deletion, a record, and the contact form under 25 KB (${locale})`, async () => {
      const channel = new HttpChannel(server, ADMIN, locale, connector);
      const publisher = maximalPublisher(ADMIN.objectId);
      const offerId = publisher.offers[0]!.id;
      for (const [verb, data] of [
        ['offer.view', { offerId }],
        ['offer.edit', { offerId }],
        ['offer.delete', { offerId }],
        ['record.view', { recordId: publisher.requestRecords[0]!.id }],
        ['record.delete', { recordId: publisher.requestRecords[0]!.id }],
        ['contact.edit', {}],
        ['account.add', {}],
        ['menu', {}],
        ['help', {}],
        ['privacy', {}],
      ] as const) {
        const { status, body } = await channel.execute(verb, data);
        assert.equal(status, 200);
        checked(verb, [], body);
      }
    });

    it(`pages the publisher chooser under 25 KB (${locale})`, async () => {
      const channel = new HttpChannel(server, MANY, locale, connector);
      assert.equal(await walk(channel, t, word('switch', '切换'), 'publishers', (page) => t('paging.pageOf', { page, pages: 2 })), 2);
    });
  }
});
