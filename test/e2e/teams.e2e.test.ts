/**
 * Every task through the real server, clicking through the cards as Teams would: messages with
 * `deliveryMode: "expectReplies"`, card buttons as Adaptive Card invokes.
 */
import assert from 'node:assert/strict';
import { offerVersion } from '../../src/domain/partVersions';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { translator } from '../../src/i18n';
import { cardText, type Card } from '../helpers/chat';
import { USERS } from '../helpers/fixtures';
import { cardOf, clickCard as click, FakeConnector, HttpChannel, RunningServer } from '../helpers/server';



describe('Teams end to end (real server, expectReplies and invokes)', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let connector: FakeConnector;
  before(async () => {
    connector = await FakeConnector.start();
    server = await RunningServer.start();
  });
  after(async () => {
    await server.stop();
    await connector.stop();
  });

  it('an offer card on screen refreshes itself (Universal Actions): after a change made elsewhere, its refresh answers the current data', async () => {
    const t = translator('en-US');
    const here = new HttpChannel(server, USERS.admin, 'en-US', connector);
    const elsewhere = new HttpChannel(server, USERS.admin, 'en-US', connector);
    const offerId = 'yunfan-k8s-template';
    const shown = (await here.execute('offer.view', { offerId })).body.value as Card & { refresh?: { action: { verb: string; data: Record<string, unknown> } } };
    assert.equal(shown.refresh?.action.verb, 'offer.view', 'the card carries its refresh action');

    let form = (await elsewhere.execute('offer.view', { offerId })).body.value as Card;
    form = await click(elsewhere, form, t('offers.edit'));
    await click(elsewhere, form, t('actions.save'), { qq: '700123456' });

    // What Teams sends when the card comes back into view: the card's refresh action, triggered automatically.
    const { status, body } = await here.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: shown.refresh.action.verb, data: shown.refresh.action.data }, trigger: 'automatic' },
    });
    assert.equal(status, 200);
    assert.ok(cardText((body as { value: Card }).value).includes('700123456'), 'the refreshed card shows the change made elsewhere');
  });

  it('serves /healthz and /readyz', async () => {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 200);
  });

  // Each language works on its own offer and record: both runs share one server.
  for (const [locale, offer, recordId] of [
    ['en-US', { id: 'yunfan-managed-db', email: 'db-help@yunfan.example.cn' }, 'req-20240312-001'],
    ['zh-CN', { id: 'yunfan-backup-vm', email: 'support@yunfan.example.cn' }, 'req-20240605-002'],
  ] as const) {
    it(`does every task by clicking through the cards (${locale})`, async () => {
      const t = translator(locale);
      const channel = new HttpChannel(server, USERS.admin, locale, connector);
      let card = cardOf(await channel.say(locale === 'en-US' ? 'menu' : '菜单'));
      assert.ok(cardText(card).includes(t('menu.prompt')));

      // Contact info: a bad phone comes back by its field, a good one is saved.
      card = await click(channel, card, t('menu.contact'));
      card = await click(channel, card, t('contact.edit'));
      card = await click(channel, card, t('actions.save'), { 'contact.1.phone': 'abc' });
      assert.ok(cardText(card).includes(t('validation.phoneNoDigits')), 'refused saying no digits were typed');
      card = await click(channel, card, t('actions.save'), { 'contact.1.phone': '+86 21 6123 4568' });
      assert.ok(cardText(card).includes('021-61234568'));

      // Offers: view, edit, delete with confirmation.
      card = cardOf(await channel.say(locale === 'en-US' ? 'offers' : '产品'));
      const viewButtons = JSON.stringify(card).match(/"verb":"offer\.view"/g) ?? [];
      assert.ok(viewButtons.length >= 2);
      // Several "View" buttons exist: pick the offer by its data (showing needs no part version).
      const { body } = await channel.execute('offer.view', { offerId: offer.id });
      card = body.value as Card;
      card = await click(channel, card, t('offers.edit'));
      card = await click(channel, card, t('actions.save'), { wechat: 'chen_jing_2024' });
      assert.ok(cardText(card).includes('chen_jing_2024'));
      card = await click(channel, card, t('offers.delete'));
      assert.ok(cardText(card).includes(offer.email), 'the confirmation shows what goes');
      card = await click(channel, card, t('offers.deleteConfirm'));
      assert.ok(cardText(card).includes(t('receipt.title')));

      // Request records: delete one after confirmation.
      card = cardOf(await channel.say(locale === 'en-US' ? 'records' : '申请记录'));
      const record = await channel.execute('record.delete', { recordId });
      card = await click(channel, record.body.value as Card, t('records.deleteConfirm'));
      assert.ok(cardText(card).includes(t('receipt.categories.requestRecord')));

      // Accounts: add a member, then remove them.
      card = cardOf(await channel.say(locale === 'en-US' ? 'accounts' : '账号'));
      card = await click(channel, card, t('accounts.add'));
      card = await click(channel, card, t('accounts.addSubmit'), { upn: `new.${locale}@yunfan.example.cn`, displayName: 'New', role: 'member' });
      assert.ok(cardText(card).includes(`new.${locale.toLowerCase()}@yunfan.example.cn`));
      const removal = await channel.execute('account.remove', { upn: `new.${locale.toLowerCase()}@yunfan.example.cn` });
      card = await click(channel, removal.body.value as Card, t('accounts.removeConfirm'));
      assert.ok(cardText(card).includes(t('receipt.title')));

      // Export: without PUBLIC_BASE_URL the card says downloading is not set up and gives the summary; never JSON.
      const before = connector.received.length;
      card = cardOf(await channel.say(locale === 'en-US' ? 'menu' : '菜单'));
      card = await click(channel, card, t('menu.export'));
      assert.ok(cardText(card).includes(t('export.noDownload')));
      assert.ok(cardText(card).includes(t('export.counts.offers')));
      const sent = JSON.stringify(connector.received.slice(before)) + JSON.stringify(card);
      assert.ok(!sent.includes('publisher-privacy-export/1'), 'no JSON dump in the chat');
    });
  }

  it('refuses a forged invoke for another publisher without changing anything', async () => {
    const channel = new HttpChannel(server, USERS.stranger, 'en-US', connector);
    const { body } = await channel.execute('offer.delete.execute', { offerId: demoPublisher.offers[0]!.id, v: offerVersion(demoPublisher.offers[0]) });
    assert.ok(cardText(body.value).includes(translator('en-US')('access.denied')));
  });

  it('writes no personal data into its log', () => {
    const values = [
      ...demoPublisher.contacts.flatMap((c) => [c.name, c.phone, c.email]),
      ...demoPublisher.aadAccounts.flatMap((a) => [a.upn, a.displayName ?? '', a.objectId ?? '']),
      ...demoPublisher.offers.flatMap((o) => Object.values(o.customerService)),
      'chen_jing_2024', '021-61234568', USERS.admin.objectId, 'Alex Wilber',
    ].filter((v) => v.length > 3);
    const log = server.output;
    assert.ok(log.includes('"msg":"turn"'), 'the log has a line per turn');
    assert.match(log, /"durationMs":\d/);
    for (const value of values) assert.ok(!log.includes(value), `the log must not contain ${value}`);
  });
});

