/**
 * `npm run cards`: every card the bot can show, rendered the way Teams renders it, as PNGs under
 * docs/cards/ with an index.html. The cards are the sample views of test/cards/sampleViews.ts and
 * the real views of the demo publisher in English and Chinese, each through `renderCard` and the
 * real Adaptive Cards renderer (adaptivecards/dist/adaptivecards.js) in Chromium, with Teams' light
 * and dark host configs. Fonts are this machine's (no Segoe UI): layout, not typography, is the point.
 *
 * It also reports what a reviewer could miss in a picture: renderer warnings, and buttons the card
 * has but the host does not draw (Teams drops those past its `maxActions`).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { renderCard, type AdaptiveCard } from '../src/cards/adaptiveCard';
import type { CardElement } from '../src/cards/cardTypes';
import { demoPublisher } from '../src/demo/demoPublisher';
import { contactInfoSchema, customerServiceSchema } from '../src/domain/publisher';
import { toFieldErrors, type FieldError } from '../src/domain/validation';
import { LOCALES, translator, type Locale } from '../src/i18n';
import type { ErasureReceipt } from '../src/service/receipts';
import type { AuditEntry } from '../src/store/types';
import { accountAddView, accountListView, accountRemoveConfirmView } from '../src/views/accountViews';
import { changeSummary } from '../src/views/common';
import { contactEditView, contactInfoFromForm, contactInfoView } from '../src/views/contactViews';
import { helpView, languageChooserView, mainMenuView, notAuthorizedView, publisherChooserView, welcomeView } from '../src/views/menuViews';
import { offerDeleteConfirmView, offerDetailView, offerEditView, offerListView } from '../src/views/offerViews';
import { auditTrailView, privacyNoticeView, receiptListView } from '../src/views/privacyViews';
import { receiptView } from '../src/views/receiptView';
import { newestFirst, recordDeleteConfirmView, recordDetailView, recordListView } from '../src/views/recordViews';
import type { ActionData, View } from '../src/views/view';
import { wechatCodeView } from '../src/views/wechatCodeView';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../test/helpers/browser';
import { sampleViews } from '../test/cards/sampleViews';
import darkHostConfig from './teams-host-config.dark.json';
import lightHostConfig from './teams-host-config.light.json';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'docs', 'cards');
const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.js');
const RENDERER_CSS = require.resolve('adaptivecards/dist/adaptivecards.css');

/** About the width Teams gives a card in a desktop chat. */
const CARD_WIDTH = 450;

const THEMES = { light: lightHostConfig, dark: darkHostConfig } as const;
type Theme = keyof typeof THEMES;

interface GalleryCard {
  /** File name stem, e.g. `en-contact-edit-error`. */
  name: string;
  group: string;
  view: View;
}

// ---- The cards ------------------------------------------------------------------------------

/** The real views of the demo publisher in one language, as the dialogs build them. */
function realViews(locale: Locale): GalleryCard[] {
  const t = translator(locale);
  const publisher = demoPublisher;
  const version = 1;
  const [me, colleague] = publisher.aadAccounts;
  const [offer] = publisher.offers;
  const [record] = newestFirst(publisher.requestRecords);
  if (!me || !colleague || !offer || !record) throw new Error('the demo publisher lacks an account, an offer or a record');
  const saved = { tone: 'good' as const, text: t('common.saved', { fields: changeSummary(t, ['contacts[0].phone']) }) };

  // Forms after a refused submit, with the errors the real validation gives for these values.
  const contactForm = contactEditView(t, publisher, version);
  const badContact: ActionData = { ...formValues(contactForm), rows: publisher.contacts.length + 1, 'contact.0.phone': '1380013800' };
  const contactErrors = validationErrors(contactInfoSchema, contactInfoFromForm(badContact).input);
  const badCustomerService: ActionData = { ...offer.customerService, email: 'support@yunfan', qq: '0800' };
  const customerServiceErrors = validationErrors(customerServiceSchema, badCustomerService);

  const receipt: ErasureReceipt = {
    id: '3d0c6308-0263-4c75-a5e4-3eaad3555d08',
    at: '2025-03-05T06:22:08.000Z',
    actor: 'aad:2122b5ef6c5264c598e665fe8f480da0',
    publisherId: publisher.id,
    erased: [
      { category: 'offer', count: 1 },
      { category: 'customerService', count: 1 },
    ],
  };
  const olderReceipt: ErasureReceipt = { ...receipt, id: '9b1f2c40-7d1e-4a57-8f0e-5c2a6b7d8e90', at: '2024-11-02T01:05:00.000Z', erased: [{ category: 'requestRecord', count: 1 }] };
  const admin = 'aad:2122b5ef6c5264c598e665fe8f480da0';
  const audit: AuditEntry[] = [
    { at: receipt.at, actor: admin, publisherId: publisher.id, action: 'offer.delete', fields: [`offers[${offer.id}]`], receiptId: receipt.id, erased: receipt.erased },
    { at: '2025-03-05T06:15:41.000Z', actor: admin, publisherId: publisher.id, action: 'contactInfo.update', fields: ['contacts[0].phone'] },
    { at: '2025-02-20T02:00:00.000Z', actor: 'operator', publisherId: publisher.id, action: 'export', fields: [] },
  ];
  const nameOf = (actor: string): string => (actor === admin ? (me.displayName ?? me.upn) : actor);
  const memberships = [
    { publisherId: publisher.id, companyName: publisher.companyName, role: 'admin' as const },
    { publisherId: 'beijing-zhiyun', companyName: '北京智云数据科技有限公司', role: 'member' as const },
  ];

  const views: Record<string, View> = {
    welcome: welcomeView(t),
    menu: mainMenuView(t, publisher.companyName, false),
    'menu-two-publishers': mainMenuView(t, publisher.companyName, true),
    help: helpView(t),
    language: languageChooserView(t),
    'publisher-chooser': publisherChooserView(t, memberships),
    'not-authorized': notAuthorizedView(t),
    'contact-info': contactInfoView(t, publisher, version),
    'contact-info-saved': contactInfoView(t, publisher, version + 1, saved),
    'contact-edit': contactForm,
    'contact-edit-error': contactEditView(t, publisher, version, badContact, contactErrors),
    offers: offerListView(t, publisher, version),
    'offer-detail': offerDetailView(t, version, offer),
    'offer-edit': offerEditView(t, version, offer),
    'offer-edit-error': offerEditView(t, version, offer, badCustomerService, customerServiceErrors),
    'offer-delete-confirm': offerDeleteConfirmView(t, version, offer),
    'erasure-receipt': receiptView(t, locale, receipt, { verb: 'offer.list', title: t('offers.back') }),
    records: recordListView(t, locale, publisher, version, 0),
    'record-detail': recordDetailView(t, locale, version, record),
    'record-delete-confirm': recordDeleteConfirmView(t, locale, version, record),
    accounts: accountListView(t, publisher, version, me),
    'account-add': accountAddView(t, publisher, version),
    'account-remove-confirm': accountRemoveConfirmView(t, publisher, version, colleague, false, 1),
    'remove-self-confirm': accountRemoveConfirmView(t, publisher, version, me, true, 1),
    'remove-self-final': accountRemoveConfirmView(t, publisher, version, me, true, 2),
    'privacy-notice': privacyNoticeView(t, { privacyContact: 'privacy@example.com', conversationTtlMinutes: 30, auditRetentionDays: 1095 }),
    'erasure-receipts': receiptListView(t, locale, [receipt, olderReceipt]),
    'audit-trail': auditTrailView(t, locale, audit, nameOf),
    'wechat-code': wechatCodeView(t, locale, publisher.companyName, '482913', new Date('2025-03-05T06:32:08.000Z')),
  };
  const tag = locale === 'zh-CN' ? 'zh' : 'en';
  return Object.entries(views).map(([name, view]) => ({ name: `${tag}-${name}`, group: `Real views · ${locale}`, view }));
}

function sampleCards(): GalleryCard[] {
  return Object.entries(sampleViews).map(([name, view]) => ({ name: `sample-${name}`, group: 'Samples · test/cards/sampleViews.ts', view }));
}

/** The values a form shows, as they would come back on submit. */
function formValues(view: View): ActionData {
  return Object.fromEntries((view.form?.fields ?? []).map((field) => [field.name, field.value ?? '']));
}

function validationErrors(schema: typeof contactInfoSchema | typeof customerServiceSchema, input: unknown): FieldError[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('the gallery meant these values to be refused, and they were accepted');
  return toFieldErrors(result.error);
}

// ---- Rendering --------------------------------------------------------------------------------

/** Teams' look around what the host config does not style: buttons and inputs (Fluent, roughly). */
const PAGE_CSS = `
  /* The host config sets fonts on text only; buttons and inputs inherit the page's, as in Teams. */
  body { margin: 0; font-family: ${lightHostConfig.fontTypes.default.fontFamily}; }
  body.light { background: #f5f5f5; }
  body.dark { background: #1f1f1f; }
  #frame { display: inline-block; padding: 16px; }
  #stage { width: ${CARD_WIDTH}px; }
  #stage > .ac-adaptiveCard { border-radius: 6px; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.14), 0 0 2px rgba(0, 0, 0, 0.12); }
  .ac-pushButton { font: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 0 12px; border: 1px solid; border-radius: 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .light .ac-pushButton { background: #fff; border-color: #d1d1d1; color: #242424; }
  .light .ac-pushButton.style-positive { background: #5b5fc7; border-color: #5b5fc7; color: #fff; }
  .light .ac-pushButton.style-destructive { color: #c4314b; }
  .dark .ac-pushButton { background: #292929; border-color: #666; color: #fff; }
  .dark .ac-pushButton.style-positive { background: #4f52b2; border-color: #4f52b2; }
  .dark .ac-pushButton.style-destructive { color: #e37d80; }
  .ac-input { font: inherit; font-size: 14px; box-sizing: border-box; width: 100%; min-height: 32px; padding: 5px 10px; border: 1px solid; border-radius: 4px; }
  .light .ac-input { background: #fff; color: #242424; border-color: #d1d1d1 #d1d1d1 #616161; }
  .dark .ac-input { background: #1f1f1f; color: #fff; border-color: #666 #666 #adadad; }
  .ac-input.ac-multiline { min-height: 72px; }
  .ac-input.ac-input-validation-failed { border-color: #c4314b; }
`;

/**
 * Runs in the page: parses and renders one card into #stage, and returns the renderer's
 * complaints. Plain JavaScript: it runs in Chromium, beside adaptivecards.js.
 */
const PAGE_SCRIPT = `
  window.renderGalleryCard = function (card, hostConfig, theme) {
    document.body.className = theme;
    var stage = document.getElementById('stage');
    stage.replaceChildren();
    var adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    var context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
    adaptiveCard.parse(card, context);
    var problems = [];
    for (var i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    adaptiveCard.validateProperties().validationEvents.forEach(function (event) { problems.push(event.message); });
    stage.appendChild(adaptiveCard.render());
    return problems;
  };
`;

/** What PAGE_SCRIPT adds to the page's global object. */
interface GalleryPage {
  renderGalleryCard(card: AdaptiveCard, hostConfig: object, theme: Theme): string[];
}

async function preparePage(page: Page): Promise<void> {
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="frame"><div id="stage"></div></div></body></html>');
  await page.addStyleTag({ path: RENDERER_CSS });
  await page.addStyleTag({ content: PAGE_CSS });
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ content: PAGE_SCRIPT });
}

/** Renders one card in one theme to `<name>.<theme>.png`; returns what looks wrong. */
async function renderToPng(page: Page, card: AdaptiveCard, theme: Theme, file: string): Promise<string[]> {
  const problems = await page.evaluate(
    ({ card, hostConfig, theme }) => (globalThis as unknown as GalleryPage).renderGalleryCard(card, hostConfig, theme),
    { card, hostConfig: THEMES[theme], theme },
  );
  const drawn = await page.locator('#stage .ac-pushButton').count();
  const defined = countButtons(card.body);
  if (drawn !== defined) problems.push(`${defined} buttons in the card, ${drawn} drawn`);
  await page.locator('#frame').screenshot({ path: file });
  return problems;
}

function countButtons(elements: CardElement[]): number {
  return elements.reduce((sum, element) => {
    if (element.type === 'ActionSet') return sum + element.actions.length;
    if (element.type === 'Container') return sum + countButtons(element.items);
    return sum;
  }, 0);
}

// ---- Output -----------------------------------------------------------------------------------

function indexHtml(cards: GalleryCard[]): string {
  const escape = (text: string): string => text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
  const groups = [...new Set(cards.map((card) => card.group))];
  const sections = groups.map((group) => {
    const rows = cards
      .filter((card) => card.group === group)
      .map((card) => {
        const images = (Object.keys(THEMES) as Theme[])
          .map((theme) => `<td><a href="${card.name}.${theme}.png"><img src="${card.name}.${theme}.png" alt="${escape(`${card.view.title} (${theme})`)}" loading="lazy"></a></td>`)
          .join('');
        return `<tr><th id="${card.name}"><a href="#${card.name}">${card.name}</a><br><small>${escape(card.view.title)}</small></th>${images}</tr>`;
      });
    return `<h2>${escape(group)}</h2>\n<table>\n<tr><th></th><th>Teams light</th><th>Teams dark</th></tr>\n${rows.join('\n')}\n</table>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Publisher Privacy Assistant · card gallery</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; }
  table { border-collapse: collapse; }
  th, td { vertical-align: top; padding: 8px; text-align: left; }
  tr + tr { border-top: 1px solid #ddd; }
  img { max-width: ${CARD_WIDTH + 32}px; }
</style>
</head>
<body>
<h1>Card gallery</h1>
<p>Generated by <code>npm run cards</code> (scripts/cardGallery.ts): each view through <code>renderCard</code> and the
Adaptive Cards renderer in Chromium with Teams' host configs. Fonts differ from Teams (no Segoe UI here).</p>
${sections.join('\n')}
</body>
</html>
`;
}

async function main(): Promise<void> {
  if (!chromiumInstalled()) throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get update && apt-get install -y chromium\``);
  const cards = [...LOCALES.flatMap(realViews), ...sampleCards()];
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  const browser = await launchChromium({ width: CARD_WIDTH + 200, height: 800 });
  let problemCount = 0;
  try {
    const page = await browser.context.newPage();
    await preparePage(page);
    for (const card of cards) {
      const json = renderCard(card.view);
      for (const theme of Object.keys(THEMES) as Theme[]) {
        const problems = await renderToPng(page, json, theme, path.join(OUT_DIR, `${card.name}.${theme}.png`));
        for (const problem of problems) console.error(`${card.name} (${theme}): ${problem}`);
        problemCount += problems.length;
      }
    }
  } finally {
    await browser.close();
  }
  await writeFile(path.join(OUT_DIR, 'index.html'), indexHtml(cards));
  console.log(`${cards.length} cards × ${Object.keys(THEMES).length} themes → ${path.relative(ROOT, OUT_DIR)}/ (open index.html)`);
  if (problemCount > 0) throw new Error(`${problemCount} problem(s) found: see above`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
