/**
 * A person trying the bot in the Microsoft 365 Agents Playground, in Chromium: the real bot and
 * the real playground run as child processes, the page is driven by typing and clicking, and the
 * checks read what the page shows and what the bot stored. Once in English, once in Chinese.
 * Each step leaves a screenshot in artifacts/browser/.
 */
import assert from 'node:assert/strict';
import { demoPublisher } from '../../src/demo/demoPublisher';
import { translator, type Locale, type Translate } from '../../src/i18n';
import { openStore } from '../../src/store/openStore';
import type { StoreEngine, VersionedPublisher } from '../../src/store/types';
import { changeSummary } from '../../src/views/common';
import { launchChromium, requireChromium, saveScreenshot, type LaunchedChromium } from '../helpers/browser';
import { PlaygroundChat, RunningPlayground } from '../helpers/playground';
import { RunningServer } from '../helpers/server';

const PUBLISHER_ID = demoPublisher.id;
const BAD_PHONE = '1380013800'; // a mainland mobile one digit short
const GOOD_PHONE = '139 1234 5678';
const GOOD_PHONE_STORED = '+8613912345678';

interface Language {
  tag: 'en' | 'zh';
  locale: Locale;
  /** From the welcome card to the main menu, as a user of this language would get there. */
  openMenu: (chat: PlaygroundChat, t: Translate) => Promise<void>;
  /** The demo offer this run deletes. */
  offerId: string;
}

const english: Language = {
  tag: 'en',
  locale: 'en-US',
  openMenu: async (chat, t) => {
    await chat.say('menu');
    await chat.expectCard(t('menu.title'));
  },
  offerId: 'yunfan-managed-db',
};

/** The playground always says `en-US`, so a Chinese user switches with the bot's own command. */
const chinese: Language = {
  tag: 'zh',
  locale: 'zh-CN',
  openMenu: async (chat, t) => {
    await chat.say('语言');
    await chat.expectCard(translator('en-US')('language.title'));
    await chat.press('中文');
    await chat.expectCard(t('menu.title'), t('language.changed'));
    // The choice is remembered: a Chinese command now answers in Chinese.
    await chat.say('菜单');
    await chat.expectCard(t('menu.title'));
  },
  offerId: 'yunfan-backup-vm',
};

describe('trying the bot in the Agents Playground (Chromium)', function () {
  this.timeout(120_000);

  before(function () {
    requireChromium(this);
  });

  for (const language of [english, chinese]) {
    it(`${language.locale}: menu, a refused and a saved phone number, an offer deleted after its confirmation`, async function () {
      await withSession(language, (session) => tryTheBot(language, session));
    });
  }

  it('zh-CN: a form gone stale because a colleague changed a contact comes back with my typed phone kept and the change marked', async function () {
    await withSession(chinese, (session) => staleForm(chinese, session));
  });
});

/** Two users: I edit the contacts on the page; a colleague (a second writer, through the store) renames contact 2 meanwhile. */
async function staleForm(language: Language, { chat, store, shot }: Session): Promise<void> {
  const t = translator(language.locale);
  await language.openMenu(chat, t);
  await chat.press(t('menu.contact'));
  await chat.press(t('contact.edit'));
  await chat.expectCard(t('contact.editTitle'));
  const phone = chat.field(`${t('contact.heading', { n: 1 })} · ${t('fields.phone')}`);
  await phone.fill(GOOD_PHONE);

  const stored = await readPublisher(store);
  const renamed = '李娜娜';
  await store.publishers.put({ ...stored.publisher, contacts: stored.publisher.contacts.map((c, i) => (i === 1 ? { ...c, name: renamed } : c)) }, stored.version);

  await chat.press(t('actions.save'));
  await chat.expectCard(t('stale.formChanged'), t('stale.fieldChanged', { value: renamed }));
  assert.equal(await chat.field(`${t('contact.heading', { n: 1 })} · ${t('fields.phone')}`).inputValue(), GOOD_PHONE, 'my typed phone is still in the form');
  await shot('stale-01-form-again');
  assert.equal((await readPublisher(store)).publisher.contacts[0]?.phone, stored.publisher.contacts[0]?.phone, 'nothing of mine was written yet');

  // One click saves it, on top of the colleague's change.
  await chat.field(`${t('contact.heading', { n: 2 })} · ${t('fields.name')}`).fill(renamed);
  await chat.press(t('actions.save'));
  await chat.expectCard(t('contact.title'), GOOD_PHONE_STORED);
  await shot('stale-02-saved');
  const after = (await readPublisher(store)).publisher;
  assert.deepEqual([after.contacts[0]?.phone, after.contacts[1]?.name], [GOOD_PHONE_STORED, renamed]);
}

interface Session {
  chat: PlaygroundChat;
  store: StoreEngine;
  /** Saves what the page shows now as artifacts/browser/<tag>-<step>.png. */
  shot: (step: string) => Promise<void>;
}

async function tryTheBot(language: Language, { chat, store, shot }: Session): Promise<void> {
  const t = translator(language.locale);
  const offer = demoPublisher.offers.find((o) => o.id === language.offerId);
  assert.ok(offer, `the demo publisher has no offer ${language.offerId}`);
  const before = await readPublisher(store);

  await language.openMenu(chat, t);
  await shot('01-menu');

  await chat.press(t('menu.contact'));
  await chat.expectCard(t('contact.title'), demoPublisher.contacts[0]?.phone ?? '');
  await shot('02-contact-info');

  await chat.press(t('contact.edit'));
  await chat.expectCard(t('contact.editTitle'));
  await shot('03-contact-edit');

  // A bad phone number: the card says why, next to the field, and keeps what was typed.
  const phone = chat.field(`${t('contact.heading', { n: 1 })} · ${t('fields.phone')}`);
  await phone.fill(BAD_PHONE);
  await chat.press(t('actions.save'));
  await chat.expectCard(t('errors.E-VALIDATION'), t('validation.phoneMobileLength', { digits: 10 }));
  assert.equal(await phone.inputValue(), BAD_PHONE);
  await shot('04-bad-phone-refused');
  const afterRefusal = await readPublisher(store);
  assert.equal(afterRefusal.version, before.version, 'a refused form must not write the publisher');
  assert.deepEqual(afterRefusal.publisher.contacts, before.publisher.contacts);
  assert.deepEqual(await auditActions(store), [], 'a refused form must not be audited as a change');

  await phone.fill(GOOD_PHONE);
  await chat.press(t('actions.save'));
  await chat.expectCard(t('contact.title'), t('common.saved', { fields: changeSummary(t, ['contacts[0].phone'], { publisher: before.publisher, positionsCurrent: true }) }), GOOD_PHONE_STORED);
  await shot('05-good-phone-saved');
  const afterSave = await readPublisher(store);
  assert.equal(afterSave.publisher.contacts[0]?.phone, GOOD_PHONE_STORED);
  assert.equal(afterSave.version, before.version + 1);
  assert.deepEqual(await auditActions(store), ['contactInfo.update']);

  await chat.press(t('actions.menu'));
  await chat.expectCard(t('menu.title'));
  await chat.press(t('menu.offers'));
  await chat.expectCard(t('offers.title'), offer.name);
  await shot('06-offers');

  // The confirmation shows exactly what goes, down to the customer-service e-mail.
  await chat.press(t('actions.delete'), chat.section(offer.name));
  await chat.expectCard(t('offers.deleteTitle'), t('offers.deleteWarning'), offer.name, offer.customerService.email);
  await shot('07-offer-delete-confirmation');
  assert.ok((await readPublisher(store)).publisher.offers.some((o) => o.id === offer.id), 'asking for confirmation must not delete');

  await chat.press(t('offers.deleteConfirm'));
  await chat.expectCard(t('receipt.title'), t('receipt.done'));
  const deletion = (await store.audit.list(PUBLISHER_ID)).find((entry) => entry.action === 'offer.delete');
  assert.ok(deletion?.receiptId, 'the deletion is audited with a receipt');
  await chat.expectCard(deletion.receiptId);
  await shot('08-erasure-receipt');
  assert.ok(!(await readPublisher(store)).publisher.offers.some((o) => o.id === offer.id), 'the offer is gone from the store');

  await chat.press(t('offers.back'));
  await chat.expectCard(t('offers.title'), t('offers.count', { count: demoPublisher.offers.length - 1 }));
  assert.equal(await chat.cardShows(offer.name), false, 'the deleted offer is no longer listed');
  await shot('09-offers-after-delete');
}

/**
 * Starts a fresh bot (empty data directory, so the demo publisher) and playground, opens the page,
 * runs `body`, and always tears everything down; on failure the page and both logs are kept.
 */
async function withSession(language: Language, body: (session: Session) => Promise<void>): Promise<void> {
  const server = await RunningServer.start();
  let playground: RunningPlayground | undefined;
  let browser: LaunchedChromium | undefined;
  let store: StoreEngine | undefined;
  let chat: PlaygroundChat | undefined;
  try {
    playground = await RunningPlayground.start({
      botEndpoint: `${server.url}/api/messages`,
      port: 0,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    // The embedded store is safe to share between processes: the test reads what the bot wrote.
    store = await openStore({ store: 'embedded', dataDir: server.dataDir, redisUrl: 'redis://127.0.0.1:6379' });
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    chat = new PlaygroundChat(page);
    await chat.open(playground.url, translator('en-US')('welcome.title'));
    const session: Session = { chat, store, shot: async (step) => void (await saveScreenshot(page, `${language.tag}-${step}`)) };
    await body(session);
  } catch (error) {
    if (chat) await saveScreenshot(chat.page, `${language.tag}-failed`).catch(() => undefined);
    const logs = `\n--- bot log (tail) ---\n${tail(server.output)}\n--- playground output (tail) ---\n${tail(playground?.output ?? '')}`;
    if (error instanceof Error) error.message += logs;
    throw error;
  } finally {
    await browser?.close();
    await store?.close();
    await playground?.stop();
    await server.stop();
  }
}

async function readPublisher(store: StoreEngine): Promise<VersionedPublisher> {
  const stored = await store.publishers.get(PUBLISHER_ID);
  assert.ok(stored, `publisher ${PUBLISHER_ID} is not in the store`);
  return stored;
}

/** The audited changes, oldest first, leaving out reads and exports. */
async function auditActions(store: StoreEngine): Promise<string[]> {
  const entries = await store.audit.list(PUBLISHER_ID);
  return entries
    .filter((entry) => entry.action !== 'export')
    .map((entry) => entry.action)
    .reverse();
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
